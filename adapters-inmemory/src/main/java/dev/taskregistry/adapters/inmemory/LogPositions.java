package dev.taskregistry.adapters.inmemory;

import dev.taskregistry.domain.FeedPosition;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The positions one {@link ChangeLog} issues: {@code <incarnation>-<sequence>}, e.g. {@code 3f9a0c12d4e7-42}.
 * The incarnation is random per log, so a position from another log (another worker, or this worker before a
 * restart, whose sequence started again at 0) is never taken for one of this log's: it reads as foreign, and
 * the feed answers it with a gap instead of skipping or repeating changes.
 */
final class LogPositions {

    private static final char SEPARATOR = '-';

    private final String incarnation;

    LogPositions() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        incarnation = HexFormat.of().formatHex(random);
    }

    FeedPosition of(long sequence) {
        return FeedPosition.of(incarnation + SEPARATOR + sequence);
    }

    /** The sequence of a position this log issued, or empty for any other position. */
    OptionalLong sequenceOf(FeedPosition position) {
        String value = position.value();
        int separator = incarnation.length();
        if (value.length() <= separator + 1 || value.charAt(separator) != SEPARATOR || !value.startsWith(incarnation)) {
            return OptionalLong.empty();
        }
        try {
            long sequence = Long.parseLong(value, separator + 1, value.length(), 10);
            return sequence < 0 ? OptionalLong.empty() : OptionalLong.of(sequence);
        } catch (NumberFormatException notIssuedHere) {
            return OptionalLong.empty();
        }
    }
}
