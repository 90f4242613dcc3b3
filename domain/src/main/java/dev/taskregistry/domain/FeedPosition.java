package dev.taskregistry.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a change stands in a {@link TaskChangeFeed}: opaque outside the adapter that issued it (a sequence
 * number in memory, a stream id on Redis). The positions of one feed are ordered as its changes are; compare
 * them only through the feed. Travels to clients and back (an SSE {@code id:}), so it is 1 to {@value #MAX_LENGTH}
 * characters of {@code [A-Za-z0-9._:-]}: never a line break or anything else that could break the framing around it.
 * (A feed over several Redis shards carries one stream id per shard, hence more than one id's length.)
 */
public record FeedPosition(String value) {

    public static final int MAX_LENGTH = 512;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    public FeedPosition {
        Objects.requireNonNull(value, "value");
        if (!ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "'position' must be 1 to " + MAX_LENGTH + " characters of [A-Za-z0-9._:-], was '" + value + "'");
        }
    }

    public static FeedPosition of(String value) {
        return new FeedPosition(value);
    }

    /**
     * The position a client sent back, or empty when it cannot be one (e.g. a mangled {@code Last-Event-ID}).
     * A well-formed position that the feed never issued is the feed's to judge: it answers a {@link FeedGap}.
     */
    public static Optional<FeedPosition> parse(String value) {
        return value != null && ALLOWED.matcher(value).matches()
                ? Optional.of(new FeedPosition(value))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
