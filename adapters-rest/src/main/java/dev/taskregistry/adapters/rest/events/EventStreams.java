package dev.taskregistry.adapters.rest.events;

import dev.taskregistry.application.feed.TaskWatch;
import dev.taskregistry.application.feed.WatchEvent;
import dev.taskregistry.domain.TaskStoreUnavailable;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pumps each open watch into its event stream on a virtual thread of its own: the watch's events as they come,
 * a heartbeat after each silence of the configured length, {@code unavailable} when the store fails, and the
 * end of the stream when the watch ends or the client has gone (a write to it fails). Streams still open when
 * the service stops are closed, so that stopping does not wait for clients.
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class.getName());

    private final Duration heartbeat;
    /** How long stopping waits for the open streams to end, so their responses finish before the server stops. */
    private static final Duration ENDING_PATIENCE = Duration.ofSeconds(2);

    private final Map<TaskWatch, Thread> open = new ConcurrentHashMap<>();

    @Inject
    public EventStreams(FeedStreamSettings settings) {
        this.heartbeat = settings.heartbeat();
    }

    /** Starts streaming {@code watch} into {@code sink}; returns at once. The stream owns the watch from now. */
    public void start(TaskWatch watch, SseEventSink sink, Sse sse, URI instance) {
        Thread pump = Thread.ofVirtual()
                .name("event-stream")
                .unstarted(() -> pump(watch, sink, new SseEvents(sse), instance));
        open.put(watch, pump);
        pump.start();
    }

    /** How many streams are open on this worker. */
    public int openStreams() {
        return open.size();
    }

    /**
     * Ends every open stream before Helidon stops the server (its observer has priority 0): a response still being
     * written when the server stops is logged with a stack trace, one per stream. Waits a little for them to end.
     */
    void endStreamsBeforeTheServerStops(
            @Observes @Priority(-1) @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        closeAll();
        long deadline = System.nanoTime() + ENDING_PATIENCE.toNanos();
        for (Thread pump : open.values()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                pump.join(Duration.ofNanos(remaining));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @PreDestroy
    void closeAll() {
        open.keySet().forEach(TaskWatch::close);
    }

    private void pump(TaskWatch watch, SseEventSink sink, SseEvents events, URI instance) {
        try (watch) {
            stream(watch, sink, events, instance);
        } finally {
            open.remove(watch);
            closeQuietly(sink);
        }
    }

    /** While the service stops, Jersey may be gone before the stream: closing it then is not an error. */
    private static void closeQuietly(SseEventSink sink) {
        try {
            sink.close();
        } catch (RuntimeException stopping) {
            LOG.log(Level.FINE, "event stream closed while the service stops", stopping);
        }
    }

    private void stream(TaskWatch watch, SseEventSink sink, SseEvents events, URI instance) {
        try {
            if (!send(sink, events.subscribed())) {
                return;
            }
            while (watch.isOpen() && !sink.isClosed()) {
                Optional<WatchEvent> event = watch.next(heartbeat);
                if (event.isPresent()) {
                    if (!send(sink, events.of(event.get())) || watch.hasEnded()) {
                        return;
                    }
                } else if (watch.hasEnded() || !watch.isOpen() || !send(sink, events.heartbeat())) {
                    return;
                }
            }
        } catch (TaskStoreUnavailable unavailable) {
            LOG.log(Level.WARNING, "event stream ended, task store unavailable: {0}", unavailable.getMessage());
            send(sink, events.unavailable(instance));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "event stream failed", unexpected);
        }
    }

    /** False when the client has gone: the write failed or the sink was closed. */
    private static boolean send(SseEventSink sink, OutboundSseEvent event) {
        if (sink.isClosed()) {
            return false;
        }
        try {
            sink.send(event).toCompletableFuture().join();
            return true;
        } catch (CompletionException | IllegalStateException departed) {
            return false;
        }
    }
}
