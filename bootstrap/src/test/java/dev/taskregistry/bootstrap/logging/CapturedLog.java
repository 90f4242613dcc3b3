package dev.taskregistry.bootstrap.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every record logged in this JVM while it is open, at {@code level} and above; closing restores the levels. */
public final class CapturedLog extends Handler implements AutoCloseable {

    private static final Logger ROOT = Logger.getLogger("");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level previousLevel = ROOT.getLevel();

    private CapturedLog(Level level) {
        setLevel(level);
        if (level.intValue() < previousLevel.intValue()) {
            ROOT.setLevel(level);
        }
        ROOT.addHandler(this);
    }

    /** Captures from {@code level} up; a level below the root logger's lowers it while open. */
    public static CapturedLog from(Level level) {
        return new CapturedLog(level);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records as the service's log file shows them. */
    public String formatted() {
        EscapingLogFormatter formatter = new EscapingLogFormatter();
        StringBuilder text = new StringBuilder();
        records.forEach(record -> text.append(formatter.format(record)));
        return text.toString();
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        ROOT.removeHandler(this);
        ROOT.setLevel(previousLevel);
    }
}
