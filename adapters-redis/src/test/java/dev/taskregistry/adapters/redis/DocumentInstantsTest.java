package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DocumentInstantsTest {

    @Test
    void writtenInstants_readBackExactly_onTheFastPath() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
            String written = DocumentInstants.format(instant);

            assertThat(DocumentInstants.parse(written)).isEqualTo(instant);
            assertThat(DocumentInstants.parse(written)).isEqualTo(Instant.parse(written));
        }
    }

    @Test
    void boundariesOfTheCalendar_readBackExactly() {
        for (String text :
                new String[] {"2024-02-29T23:59:59.999Z", "2026-12-31T00:00:00.000Z", "1970-01-01T00:00:00.000Z"}) {
            assertThat(DocumentInstants.parse(text)).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherShapes_areReadByTheGeneralParser() {
        assertThat(DocumentInstants.parse("2026-11-30T10:00:00Z")).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(DocumentInstants.parse("2026-11-30T10:00:00.123456Z"))
                .isEqualTo(Instant.parse("2026-11-30T10:00:00.123456Z"));
        assertThat(DocumentInstants.parse("2026-11-30T12:00:00.000+02:00"))
                .isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(DocumentInstants.parse("2026-11-30 10:00:00.5"))
                .isEqualTo(Instant.parse("2026-11-30T10:00:00.500Z"));
        assertThat(DocumentInstants.format(
                        Instant.parse("2026-11-30T10:00:00.123456Z").truncatedTo(ChronoUnit.MILLIS)))
                .isEqualTo("2026-11-30T10:00:00.123Z");
    }

    @Test
    void impossibleDatesInTheWrittenShape_areRejected() {
        assertThatThrownBy(() -> DocumentInstants.parse("2026-13-01T00:00:00.000Z"))
                .isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> DocumentInstants.parse("2026-02-30T00:00:00.000Z"))
                .isInstanceOf(DateTimeException.class);
    }
}
