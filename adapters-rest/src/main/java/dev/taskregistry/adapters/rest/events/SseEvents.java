package dev.taskregistry.adapters.rest.events;

import dev.taskregistry.adapters.rest.error.Problem;
import dev.taskregistry.adapters.rest.model.FeedResetResponse;
import dev.taskregistry.adapters.rest.model.TaskEventResponse;
import dev.taskregistry.adapters.rest.model.TaskResponse;
import dev.taskregistry.application.feed.WatchEvent;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;

/** The wire form of every event a stream sends: names, ids and JSON data, as the README documents them. */
final class SseEvents {

    private final Sse sse;

    SseEvents(Sse sse) {
        this.sse = sse;
    }

    /** The first line of every stream: the subscription exists, so every later change reaches the client. */
    OutboundSseEvent subscribed() {
        return sse.newEventBuilder().comment("subscribed").build();
    }

    OutboundSseEvent heartbeat() {
        return sse.newEventBuilder().comment("heartbeat").build();
    }

    OutboundSseEvent of(WatchEvent event) {
        return switch (event) {
            case WatchEvent.State state ->
                json("state", state.position().value(), TaskResponse.class, TaskResponse.of(state.task()));
            case WatchEvent.Change change ->
                json(
                        TaskEventResponse.kindName(change.change().kind()),
                        change.change().position().value(),
                        TaskEventResponse.class,
                        TaskEventResponse.of(change.change()));
            case WatchEvent.Reset reset ->
                json(
                        "reset",
                        reset.resumeAfter().value(),
                        FeedResetResponse.class,
                        new FeedResetResponse(
                                reset.resumeAfter().value(),
                                reset.task().map(TaskResponse::of).orElse(null)));
            // No id: the expiry was seen by this stream, not read from the feed; a resume continues after the
            // last id the client has.
            case WatchEvent.ExpiryNoticed expired ->
                json("expired", null, TaskEventResponse.class, TaskEventResponse.expiryOf(expired.task()));
        };
    }

    /** The last event of a stream whose store cannot be read: the client retries later, resuming. */
    OutboundSseEvent unavailable(URI instance) {
        Problem problem = Problem.of(
                Response.Status.SERVICE_UNAVAILABLE,
                "store-unavailable",
                "the task store cannot be reached; reconnect later with Last-Event-ID to resume",
                instance,
                null);
        return json("unavailable", null, Problem.class, problem);
    }

    private <T> OutboundSseEvent json(String name, String id, Class<T> type, T data) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder()
                .name(name)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(type, data);
        if (id != null) {
            builder.id(id);
        }
        return builder.build();
    }
}
