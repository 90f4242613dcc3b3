package dev.taskregistry.adapters.redis;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * The instant format of stored documents: written as UTC ISO-8601 with milliseconds and {@code Z}, read
 * leniently. Public for tools that read the stored format, and for the benchmarks.
 */
public final class DocumentInstants {

    private static final DateTimeFormatter WRITTEN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int DATE_LENGTH = 10;
    private static final String WRITTEN_SHAPE = "9999-99-99T99:99:99.999Z";
    private static final int WRITTEN_LENGTH = WRITTEN_SHAPE.length();

    private DocumentInstants() {}

    /** {@code uuuu-MM-ddTHH:mm:ss.SSSZ} in UTC; null for null. */
    public static String format(Instant instant) {
        return instant == null ? null : WRITTEN.format(instant);
    }

    /**
     * Reads what this adapter writes and what the original Python service wrote: with {@code Z}, with an
     * offset, or without a zone ({@code datetime.isoformat()} of a naive time), which is taken as UTC.
     */
    public static Instant parse(String text) {
        if (isWrittenShape(text)) {
            return parseWritten(text);
        }
        String iso = text.length() > DATE_LENGTH && text.charAt(DATE_LENGTH) == ' '
                ? text.substring(0, DATE_LENGTH) + 'T' + text.substring(DATE_LENGTH + 1)
                : text;
        TemporalAccessor parsed =
                DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime withOffset
                ? withOffset.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    /** {@code uuuu-MM-ddTHH:mm:ss.SSSZ}, the shape {@link #format} writes. */
    private static boolean isWrittenShape(String text) {
        if (text.length() != WRITTEN_LENGTH || text.charAt(WRITTEN_LENGTH - 1) != 'Z') {
            return false;
        }
        for (int i = 0; i < WRITTEN_LENGTH - 1; i++) {
            char expected = WRITTEN_SHAPE.charAt(i);
            char actual = text.charAt(i);
            if (expected == '9' ? actual < '0' || actual > '9' : actual != expected) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the written shape digit by digit: every task read parses five instants, and the general
     * formatter costs microseconds each, several times a raw GET of the document (see docs/BENCHMARKS.md).
     */
    private static Instant parseWritten(String text) {
        LocalDateTime dateTime = LocalDateTime.of(
                digits(text, 0, 4),
                digits(text, 5, 2),
                digits(text, 8, 2),
                digits(text, 11, 2),
                digits(text, 14, 2),
                digits(text, 17, 2),
                digits(text, 20, 3) * 1_000_000);
        return dateTime.toInstant(ZoneOffset.UTC);
    }

    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
