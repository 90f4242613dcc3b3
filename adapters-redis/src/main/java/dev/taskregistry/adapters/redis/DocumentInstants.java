package dev.taskregistry.adapters.redis;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** The instant format of stored documents: written as UTC ISO-8601 with milliseconds and {@code Z}, read leniently. */
final class DocumentInstants {

    private static final DateTimeFormatter WRITTEN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int DATE_LENGTH = 10;

    private DocumentInstants() {
    }

    static String format(Instant instant) {
        return instant == null ? null : WRITTEN.format(instant);
    }

    /**
     * Reads what this adapter writes and what the original Python service wrote: with {@code Z}, with an
     * offset, or without a zone ({@code datetime.isoformat()} of a naive time), which is taken as UTC.
     */
    static Instant parse(String text) {
        String iso = text.length() > DATE_LENGTH && text.charAt(DATE_LENGTH) == ' '
                ? text.substring(0, DATE_LENGTH) + 'T' + text.substring(DATE_LENGTH + 1)
                : text;
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime withOffset
                ? withOffset.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }
}
