package dev.taskregistry.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class EscapingLogFormatterTest {

    private static final String FORGED = "x\r\n2026-12-01T07:00:00.000 SEVERE forged.Logger: FORGED LINE";

    private final EscapingLogFormatter formatter = new EscapingLogFormatter();

    @Test
    void aMessageWithCrLf_staysOnOneLine_withTheCharactersVisible() {
        String line = formatter.format(new LogRecord(Level.WARNING, "bad status " + FORGED));

        assertThat(line.stripTrailing())
                .doesNotContain("\n", "\r")
                .contains("x\\r\\n2026-12-01T07:00:00.000 SEVERE forged");
    }

    @Test
    void everyControlAndLineSeparatorCharacter_isEscaped() {
        assertThat(EscapingLogFormatter.escape("a\tb\u001b[31mc\u0085d\u2028e\u2029f\u007fg"))
                .isEqualTo("a\\tb\\u001b[31mc\\u0085d\\u2028e\\u2029f\\u007fg");
        assertThat(EscapingLogFormatter.escape("plain text, ünïcödé and 😀")).isEqualTo("plain text, ünïcödé and 😀");
    }

    @Test
    void anExceptionMessageWithCrLf_cannotStartALine_butFramesKeepTheirLines() {
        LogRecord record = new LogRecord(Level.SEVERE, "unexpected");
        record.setThrown(new IllegalStateException("outer " + FORGED, new IllegalArgumentException("inner " + FORGED)));

        String text = formatter.format(record);

        assertThat(text.lines()).noneMatch(line -> line.startsWith("2026-12-01T07:00:00.000"));
        assertThat(text.lines()).anyMatch(line -> line.startsWith("\tat "));
        assertThat(text)
                .contains("java.lang.IllegalStateException: outer x\\r\\n2026")
                .contains("Caused by: java.lang.IllegalArgumentException: inner x\\r\\n2026");
    }
}
