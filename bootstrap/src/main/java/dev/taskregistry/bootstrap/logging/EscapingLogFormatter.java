package dev.taskregistry.bootstrap.logging;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The log format of {@code java.util.logging.SimpleFormatter.format}, with every control character of a
 * message and of an exception's message escaped (as backslash-n, -r, -t, or backslash-u and four hex digits):
 * text a client sent can never start a log line of its own, so it cannot forge one. Stack frames keep
 * their own lines.
 */
public class EscapingLogFormatter extends SimpleFormatter {

    private static final String DEFAULT_FORMAT = "%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tL %4$s %3$s: %5$s%6$s%n";

    private final String format;

    public EscapingLogFormatter() {
        String configured = LogManager.getLogManager().getProperty("java.util.logging.SimpleFormatter.format");
        this.format = configured == null ? DEFAULT_FORMAT : configured;
    }

    @Override
    public String format(LogRecord record) {
        ZonedDateTime time = ZonedDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault());
        String source = record.getSourceClassName() == null
                ? record.getLoggerName()
                : record.getSourceClassName()
                        + (record.getSourceMethodName() == null ? "" : " " + record.getSourceMethodName());
        String thrown = record.getThrown() == null ? "" : System.lineSeparator() + trace(record.getThrown());
        return String.format(
                format,
                time,
                source,
                record.getLoggerName(),
                record.getLevel().getLocalizedName(),
                escape(formatMessage(record)),
                thrown);
    }

    /** Control characters (C0, DEL, C1, and the Unicode line and paragraph separators) as visible escapes. */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default ->
                    Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                            ? String.format("\\u%04x", (int) c)
                            : null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                escaped.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /** Like {@link Throwable#printStackTrace()}, with the messages escaped and the frames shared with the enclosing trace left out. */
    private static String trace(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        StackTraceElement[] enclosing = new StackTraceElement[0];
        String heading = "";
        for (Throwable current = thrown;
                current != null && seen.put(current, true) == null;
                current = current.getCause()) {
            text.append(heading).append(current.getClass().getName());
            if (current.getMessage() != null) {
                text.append(": ").append(escape(current.getMessage()));
            }
            text.append(System.lineSeparator());
            StackTraceElement[] frames = current.getStackTrace();
            int shared = sharedTail(frames, enclosing);
            for (int i = 0; i < frames.length - shared; i++) {
                text.append("\tat ").append(frames[i]).append(System.lineSeparator());
            }
            if (shared > 0) {
                text.append("\t... ").append(shared).append(" more").append(System.lineSeparator());
            }
            enclosing = frames;
            heading = "Caused by: ";
        }
        return text.toString().stripTrailing();
    }

    private static int sharedTail(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int shared = 0;
        while (shared < frames.length
                && shared < enclosing.length
                && frames[frames.length - 1 - shared].equals(enclosing[enclosing.length - 1 - shared])) {
            shared++;
        }
        return shared;
    }
}
