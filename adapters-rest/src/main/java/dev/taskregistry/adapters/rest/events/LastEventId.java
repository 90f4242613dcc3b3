package dev.taskregistry.adapters.rest.events;

import dev.taskregistry.adapters.rest.error.InvalidInput;
import dev.taskregistry.domain.FeedPosition;
import java.util.Optional;

/** The {@code Last-Event-ID} header of a resuming event-stream client: a position the stream gave it. */
final class LastEventId {

    static final String NAME = "Last-Event-ID";
    static final String DESCRIPTION = "The id of the last event received: the stream resumes right after it";

    private LastEventId() {}

    /**
     * The position to resume after; empty without the header (or with an empty one, which EventSource sends
     * before it has seen an id).
     *
     * @throws InvalidInput naming the header when it cannot be a position
     */
    static Optional<FeedPosition> parse(String header) {
        if (header == null || header.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(FeedPosition.parse(header)
                .orElseThrow(() -> new InvalidInput(
                        NAME,
                        "must be an event id this service sent: 1 to " + FeedPosition.MAX_LENGTH
                                + " characters of [A-Za-z0-9._:-]")));
    }
}
