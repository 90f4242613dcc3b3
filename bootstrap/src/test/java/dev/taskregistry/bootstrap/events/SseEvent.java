package dev.taskregistry.bootstrap.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One item of a Server-Sent Events stream as {@link SseStream} read it off the wire: an event (its {@code event:},
 * {@code id:} and {@code data:} fields, {@code event} being {@code message} when the server sent none) or a comment
 * line ({@code : text}), kept so that tests can see {@code : subscribed} and {@code : heartbeat}.
 *
 * @param event the event's name; for a comment, null
 * @param id the event's {@code id:}; null when it had none (and for a comment)
 * @param data the {@code data:} lines joined with {@code \n}; for a comment, its text after the colon (one leading
 *     space removed)
 * @param isComment whether this is a comment line rather than an event
 */
public record SseEvent(String event, String id, String data, boolean isComment) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SseEvent {
        Objects.requireNonNull(data, "data");
        if (isComment == (event != null)) {
            throw new IllegalArgumentException(
                    "an event has a name and a comment has none, was event=" + event + " comment=" + isComment);
        }
    }

    public static SseEvent event(String event, String id, String data) {
        return new SseEvent(event, id, data, false);
    }

    public static SseEvent comment(String text) {
        return new SseEvent(null, null, text, true);
    }

    /** Whether this is the comment line {@code : text}. */
    public boolean isComment(String text) {
        return isComment && data.equals(text);
    }

    /** Whether this is an event named {@code name}. */
    public boolean is(String name) {
        return !isComment && event.equals(name);
    }

    /** The data parsed as JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("data is not JSON: " + this, e);
        }
    }

    /** As the wire had it, on one line: {@code event: updated | id: 1-0 | data: {...}} or {@code : heartbeat}. */
    @Override
    public String toString() {
        if (isComment) {
            return ": " + data;
        }
        return "event: " + event + (id == null ? "" : " | id: " + id) + " | data: " + data;
    }
}
