package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark-only window on the Redis adapter's package-private codec, key names and register script,
 * so the scale benchmarks can load a million tasks through a pipeline of the very EVALSHA calls that
 * {@link RedisTaskRepository#register} makes, one round trip per batch instead of one per task. Lives in
 * the benchmarks module (same package name, class path only); nothing in the service uses it.
 */
public final class RedisBenchmarkAccess {

    private final RedisKeys keys;
    private final TaskDocumentCodec codec = new TaskDocumentCodec();

    public RedisBenchmarkAccess(String keyPrefix) {
        this.keys = new RedisKeys(keyPrefix);
    }

    /** The stored document of a task, exactly as the adapter writes it. */
    public String document(Task task) {
        return codec.encode(task);
    }

    /** The task in a stored document, read exactly as the adapter's {@code find} reads it. */
    public Optional<Task> decode(String document) {
        return codec.decode(document, Optional::empty);
    }

    /** How the adapter reads one stored instant. */
    public static Instant parseInstant(String text) {
        return DocumentInstants.parse(text);
    }

    /** How the adapter writes one instant. */
    public static String formatInstant(Instant instant) {
        return DocumentInstants.format(instant);
    }

    /** The key of a task's document. */
    public String taskKey(Task task) {
        return keys.task(task.id());
    }

    /** Every task key of this registry matches this KEYS pattern (what the original design scanned). */
    public String taskKeyPattern() {
        return keys.task(TaskId.of("x")).replaceFirst("x$", "*");
    }

    public String allIndex() {
        return keys.all();
    }

    public String statusIndex(TaskStatus status) {
        return keys.status(status);
    }

    public String typeIndex(TaskType type) {
        return keys.type(type);
    }

    public String typesSet() {
        return keys.types();
    }

    /** KEYS of {@code register.lua} for this task, as the adapter passes them. */
    public List<String> registerKeys(Task task) {
        return keys.forTaskChange(task.id(), task.type());
    }

    /** ARGV of {@code register.lua} for this task and its document, as the adapter passes them. */
    public List<String> registerArguments(Task task, String document) {
        return List.of(document, String.valueOf(task.expiresAt().toEpochMilli()), task.id().value(),
                RedisKeys.statusPosition(task.status()), task.type().value());
    }

    /** The source of {@code register.lua}, for SCRIPT LOAD. */
    public static String registerScript() {
        try (InputStream in = LuaScripts.class.getResourceAsStream("register.lua")) {
            if (in == null) {
                throw new IllegalStateException("register.lua is missing from the adapter's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
