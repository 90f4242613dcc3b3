package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskStoreUnavailable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * This process' one reader of the events stream: a virtual thread that waits on its own connection with
 * {@code XREAD BLOCK} (shorter than the socket timeout, so a wait is never mistaken for an outage) and hands what
 * it reads to the {@link ChangeBuffer} (for a shard of a sharded registry, to the signal of its merger). When Redis cannot be reached it tells the buffer, pauses, and resumes
 * after the last entry it read, so nothing retained is missed across a reconnect.
 */
final class ChangeStreamReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChangeStreamReader.class.getName());
    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);
    private static final Duration JOIN_PATIENCE = Duration.ofSeconds(5);

    private final RedisConnection connection;
    private final boolean ownsConnection;
    private final ChangeStream stream;
    private final String key;
    private final StreamRetention retention;
    private final ChangeEventDecoder decoder;
    private final ChangeSink buffer;
    private final XReadParams read;
    private final int batch;
    private Thread thread;
    private volatile boolean closed;

    /**
     * Reads {@code batch} entries at most per XREAD, no more than the stream retains: a batch that is not full
     * then proves that nothing after the last position was trimmed; a full one is checked ({@link StreamRetention}).
     */
    ChangeStreamReader(
            RedisConnection connection,
            boolean ownsConnection,
            ChangeStream stream,
            String key,
            StreamRetention retention,
            ChangeEventDecoder decoder,
            ChangeSink buffer,
            Duration block,
            int batch) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.stream = stream;
        this.key = key;
        this.retention = retention;
        this.decoder = decoder;
        this.buffer = buffer;
        this.read = XReadParams.xReadParams().block((int) block.toMillis()).count(batch);
        this.batch = batch;
    }

    /** Starts the reader unless it runs already; it reads from the stream's head at that moment. */
    synchronized void start() {
        if (thread == null && !closed) {
            thread = Thread.ofVirtual().name("redis-change-feed " + key).start(this::run);
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(JOIN_PATIENCE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownsConnection) {
            connection.close();
        }
    }

    private void run() {
        StreamEntryID last = null;
        Duration pause = FIRST_PAUSE;
        while (!closed) {
            try {
                if (last == null) {
                    last = connection.call("change feed reader", stream::headId);
                    buffer.restartAt(last);
                }
                last = readAfter(last);
                pause = FIRST_PAUSE;
            } catch (TaskStoreUnavailable outage) {
                if (closed) {
                    // close() interrupted the read: no outage to report.
                    return;
                }
                buffer.unavailable(outage);
                pause = pauseAfterFailure(pause);
            } catch (RuntimeException broken) {
                if (closed) {
                    return;
                }
                LOG.log(Level.WARNING, "the change feed reader of " + key + " failed; reading again", broken);
                buffer.unavailable(
                        new TaskStoreUnavailable("the change feed cannot be read: " + broken.getMessage(), broken));
                pause = pauseAfterFailure(pause);
            }
        }
    }

    /** One XREAD after {@code last}; answers the new last position. */
    private StreamEntryID readAfter(StreamEntryID last) {
        List<StreamEntry> entries = connection.call("change feed reader", client -> xread(client, last));
        if (entries.isEmpty()) {
            buffer.reachable();
            return last;
        }
        StreamEntryID newest = entries.getLast().getID();
        if (entries.size() == batch
                && connection.call("change feed reader", client -> retention.lostAfter(client, last))) {
            // Entries after `last` were trimmed before they were read: subscribers behind `newest` read the stream
            // themselves, which reports the gap.
            buffer.restartAt(newest);
            return newest;
        }
        Map<StreamEntryID, TaskChange> changes = new LinkedHashMap<>();
        entries.forEach(entry -> changes.put(entry.getID(), decoder.decode(entry)));
        buffer.append(changes);
        return newest;
    }

    private List<StreamEntry> xread(UnifiedJedis client, StreamEntryID last) {
        List<Map.Entry<String, List<StreamEntry>>> reply = client.xread(read, Map.of(key, last));
        return reply == null || reply.isEmpty() ? List.of() : reply.getFirst().getValue();
    }

    private Duration pauseAfterFailure(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException closing) {
            // close() interrupts; the loop then ends.
        }
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
    }
}
