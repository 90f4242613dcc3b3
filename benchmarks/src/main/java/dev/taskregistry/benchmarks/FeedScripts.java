package dev.taskregistry.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The change scripts of {@code adapters-redis} as shipped (the resources its {@code LuaScripts} runs, read from
 * the same jar) and variants of them derived here by checked text transformations, for measuring what the change
 * feed's event costs a change. No variant exists in production code: the adapter has no switch for them.
 *
 * <p>Every transformation finds the one event append of a script, {@code appendEvent(KEYS[#KEYS], ARGV[n], ARGV[m],
 * ...)} (the function the change scripts define: with ids {@code '*'}, an unsharded registry's, it is {@code
 * redis.call('XADD', KEYS[#KEYS], 'MAXLEN', '~', ARGV[n], '*', ...)}), and fails with {@link IllegalStateException}
 * when the script has none, more than one, or one of another shape: the derived variant would then no longer be
 * "the shipped script less its event", and the benchmark must be looked at again. A variant of the event writes
 * that {@code XADD} in place of the call, so it measures the unsharded registry the benchmarks use.
 */
public final class FeedScripts {

    /** Where LuaScripts reads them: resources next to the adapter's classes. */
    private static final String RESOURCES = "/dev/taskregistry/adapters/redis/";

    /**
     * The event append as the change scripts write it: a statement of its own at the start of a line, the events
     * key last in KEYS, approximate trimming to the retention argument, an auto id, then field/value pairs (values
     * are ARGV entries, literals or one call such as {@code tostring(version + 1)}), over one or more lines.
     */
    private static final Pattern EVENT_APPEND = Pattern.compile(
            "(?m)^(?<indent>[ \\t]*)appendEvent\\(KEYS\\[#KEYS\\], ARGV\\[(?<retention>\\d+)\\], ARGV\\[\\d+\\],"
                    + "(?<fields>(?:[^()]|\\([^()]*\\))*)\\)[ \\t]*\\n");

    private static final String APPEND_CALL = "appendEvent(";

    /** The task document as the event's last field, as register.lua and update.lua write it. */
    private static final String TASK_FIELD = ", 'task', ARGV[1]";

    /** A script: a name, its text, and the SHA1 of the text (what EVALSHA names). */
    public record Script(String file, String source, String sha) {

        static Script of(String file, String source) {
            return new Script(file, source, sha1(source));
        }
    }

    private FeedScripts() {}

    /** The script as the adapter ships and runs it (same resource, same bytes, so the same SHA1). */
    public static Script shipped(String file) {
        try (InputStream in = FeedScripts.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the adapter's script " + RESOURCES + file + " is not on the classpath");
            }
            return Script.of(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The shipped script less its event append: the change as it was before the change feed ("today"). */
    public static Script withoutEvent(Script shipped) {
        Matcher append = onlyEventAppend(shipped);
        String derived =
                shipped.source().substring(0, append.start()) + shipped.source().substring(append.end());
        if (count(derived, APPEND_CALL) != 1) {
            throw shapeChanged(shipped, "still appends after its event append was removed");
        }
        return Script.of(shipped.file() + " without its XADD", derived);
    }

    /**
     * An experiment only, not the contract: the event without the task document (kind, id, type, status, version),
     * to see what carrying the document costs. DESIGN.md §10 requires the document in every stored change's event.
     */
    public static Script eventWithoutTask(Script shipped) {
        Matcher append = onlyEventAppend(shipped);
        String statement = asXadd(append);
        if (!statement.contains(TASK_FIELD + ")")) {
            throw shapeChanged(shipped, "has no task document as its event's last field");
        }
        return replaced(shipped, append, statement.replace(TASK_FIELD + ")", ")"), " with an event without its task");
    }

    /**
     * An experiment only, another stream format: the event with its kind and the task document alone ({@code id},
     * {@code type}, {@code status} and {@code version} are in the document), to see what the four small fields cost.
     * The adapter's reader and the documented format (docs/REDIS.md) would have to change with it.
     */
    public static Script eventKindAndTask(Script shipped) {
        Matcher append = onlyEventAppend(shipped);
        String statement = asXadd(append);
        Matcher kind = Pattern.compile("'kind', '(\\w+)'").matcher(statement);
        if (!statement.contains(TASK_FIELD + ")") || !kind.find()) {
            throw shapeChanged(shipped, "has no literal kind and task document in its event");
        }
        String fields = append.group("fields");
        String shorter = statement.replace(fields, " 'kind', '" + kind.group(1) + "'" + TASK_FIELD);
        return replaced(shipped, append, shorter, " with kind and task only");
    }

    /** An experiment only: the event appended with no trimming ({@code MAXLEN ~} dropped), to see what trimming costs. */
    public static Script eventUntrimmed(Script shipped) {
        Matcher append = onlyEventAppend(shipped);
        String statement = asXadd(append).replace("'MAXLEN', '~', ARGV[" + append.group("retention") + "], ", "");
        return replaced(shipped, append, statement, " with an untrimmed event");
    }

    /** An experiment only: exact trimming ({@code MAXLEN =}) instead of whole nodes ({@code MAXLEN ~}). */
    public static Script eventTrimmedExactly(Script shipped) {
        Matcher append = onlyEventAppend(shipped);
        String statement = asXadd(append).replace("'MAXLEN', '~'", "'MAXLEN', '='");
        return replaced(shipped, append, statement, " with exact trimming");
    }

    /** The call as the XADD it makes for an unsharded registry (event ids '*'), a statement on lines of its own. */
    private static String asXadd(Matcher append) {
        return append.group("indent") + "redis.call('XADD', KEYS[#KEYS], 'MAXLEN', '~', ARGV["
                + append.group("retention") + "], '*'," + append.group("fields") + ")\n";
    }

    private static Script replaced(Script shipped, Matcher append, String statement, String name) {
        String derived = shipped.source().substring(0, append.start())
                + statement
                + shipped.source().substring(append.end());
        return Script.of(shipped.file() + name, derived);
    }

    private static Matcher onlyEventAppend(Script shipped) {
        String source = shipped.source();
        // The function's definition and its one call.
        int appends = count(source, APPEND_CALL);
        if (appends != 2) {
            throw shapeChanged(shipped, "names appendEvent( " + appends + " times, not twice (definition and call)");
        }
        Matcher append = EVENT_APPEND.matcher(source);
        if (!append.find()) {
            throw shapeChanged(
                    shipped,
                    "has no event append of the shape appendEvent(KEYS[#KEYS], ARGV[n], ARGV[m], <fields>) on"
                            + " lines of its own");
        }
        if (!append.group("fields").contains("'kind'")) {
            throw shapeChanged(shipped, "appends an entry without a 'kind' field");
        }
        return append;
    }

    private static IllegalStateException shapeChanged(Script shipped, String what) {
        return new IllegalStateException("the shipped " + shipped.file() + " " + what
                + ": its event append is no longer the one FeedScripts removes; look at FeedCostBenchmark again");
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            found++;
        }
        return found;
    }

    static String sha1(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
