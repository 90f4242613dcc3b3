package dev.taskregistry.adapters.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskLifetime;
import dev.taskregistry.domain.TaskOutcome;
import dev.taskregistry.domain.TaskProgress;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The JSON document of a task as stored in Redis (docs/REDIS.md): snake_case fields, lowercase status, UTC
 * instants, the result embedded as JSON. Reads the original service's documents too (no version, no
 * expires_at). Public for tools that read or write the stored format, and for the benchmarks.
 */
public final class TaskDocumentCodec {

    // Floats as BigDecimal and no zero stripping, so a result's numbers read back with the text they had.
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    /** The task's document, as {@link RedisTaskRepository} stores it but without the {@code write_id} of a write. */
    public String encode(Task task) {
        return document(task).toString();
    }

    /**
     * The document {@link RedisTaskRepository} stores for one write of the task: {@link #encode} plus
     * {@code write_id}, a token of that one call, by which a call repeated after its reply was lost finds the
     * version it wrote.
     */
    String encode(Task task, WriteId write) {
        return document(task).put("write_id", write.value()).toString();
    }

    private ObjectNode document(Task task) {
        TaskProgress progress = task.taskProgress();
        TaskLifetime lifetime = task.lifetime();
        TaskOutcome outcome = task.outcome();
        ObjectNode doc = mapper.createObjectNode()
                .put("id", task.id().value())
                .put("type", task.type().value())
                .put("status", StoredStatus.nameOf(task.status()))
                .put("resource_url", task.resourceUrl())
                .put("estimated_completion", DocumentInstants.format(task.estimatedCompletion()))
                .put("progress", progress.fraction())
                .put("created_at", DocumentInstants.format(lifetime.createdAt()))
                .put("updated_at", DocumentInstants.format(lifetime.updatedAt()))
                .put("query", task.query())
                .put("completed_steps", progress.completedSteps())
                .put("total_steps", progress.totalSteps())
                .put("started_at", DocumentInstants.format(lifetime.startedAt()))
                .put("completed_at", DocumentInstants.format(lifetime.completedAt()));
        doc.set("result", outcome.result() == null ? doc.nullNode() : resultNode(outcome.result()));
        doc.put("error", outcome.error())
                .put("expires_at", DocumentInstants.format(lifetime.expiresAt()))
                .put("version", task.version());
        return doc;
    }

    /**
     * The task in a document, read as {@link RedisTaskRepository#find} reads it; empty for a document
     * without {@code expires_at} (the original service's: only its key's expiry in Redis tells).
     *
     * @throws IllegalStateException when the document is not JSON or breaks the task's rules
     */
    public Optional<Task> decode(String json) {
        return decode(json, Optional::empty);
    }

    /**
     * The task in a document. A document without {@code expires_at} (written by the original service)
     * takes it from {@code legacyExpiry}, which is only asked then; empty when that has none.
     */
    Optional<Task> decode(String json, Supplier<Optional<Instant>> legacyExpiry) {
        JsonNode doc = parse(json);
        Optional<Instant> expiresAt = doc.hasNonNull("expires_at")
                ? Optional.of(readable(doc, () -> instant(doc, "expires_at")))
                : legacyExpiry.get();
        return expiresAt.map(expiry -> readable(doc, () -> task(doc, expiry)));
    }

    /**
     * What decides where a document's task is indexed, without rebuilding the task: its type and status, and its
     * {@code expires_at} (empty in the original service's documents).
     *
     * @throws IllegalStateException when the document is not JSON or these fields cannot be read
     */
    Placement placementOf(String json) {
        JsonNode doc = parse(json);
        return readable(
                doc,
                () -> new Placement(
                        TaskType.of(doc.path("type").asText()),
                        StoredStatus.named(doc.path("status").asText()),
                        Optional.ofNullable(instant(doc, "expires_at"))));
    }

    /** Where a stored task belongs in the indexes: see {@link #placementOf}. */
    record Placement(TaskType type, TaskStatus status, Optional<Instant> expiresAt) {}

    /** The type of the task in a document, without reading the rest. */
    TaskType typeOf(String json) {
        JsonNode doc = parse(json);
        return readable(doc, () -> TaskType.of(doc.path("type").asText()));
    }

    private Task task(JsonNode doc, Instant expiresAt) {
        JsonNode result = doc.path("result");
        return Task.rebuild(
                TaskId.of(doc.path("id").asText()),
                TaskType.of(doc.path("type").asText()),
                StoredStatus.named(doc.path("status").asText()),
                text(doc, "resource_url"),
                instant(doc, "estimated_completion"),
                text(doc, "query"),
                new TaskProgress(
                        doc.path("progress").asDouble(0.0),
                        doc.path("completed_steps").asInt(0),
                        doc.hasNonNull("total_steps") ? doc.get("total_steps").asInt() : null),
                new TaskLifetime(
                        instant(doc, "created_at"),
                        instant(doc, "updated_at"),
                        instant(doc, "started_at"),
                        instant(doc, "completed_at"),
                        expiresAt),
                new TaskOutcome(
                        result.isMissingNode() || result.isNull() ? null : TaskResult.ofJson(result.toString()),
                        text(doc, "error")),
                doc.hasNonNull("version") ? doc.get("version").asLong() : 1);
    }

    private JsonNode resultNode(TaskResult result) {
        try {
            return mapper.readTree(result.json());
        } catch (JsonProcessingException e) {
            throw new InvalidTaskField(TaskField.RESULT, "must be a JSON value: " + e.getOriginalMessage());
        }
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored task document is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A document that breaks the task's rules is a storage fault, never the caller's bad input. */
    private static <T> T readable(JsonNode doc, Supplier<T> reading) {
        try {
            return reading.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "stored task document '" + doc.path("id").asText() + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode doc, String field) {
        return doc.hasNonNull(field) ? doc.get(field).asText() : null;
    }

    private static Instant instant(JsonNode doc, String field) {
        return doc.hasNonNull(field) ? DocumentInstants.parse(doc.get(field).asText()) : null;
    }
}
