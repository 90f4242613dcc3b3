package dev.taskregistry.adapters.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Tasks and statistics as the tools' structured content: the fields and names of the REST API's JSON (snake
 * case, instants in UTC with milliseconds, {@code result} as the JSON the task completed with), so a client
 * reads the same task through either door.
 */
public final class TaskJson {

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    public TaskJson(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode of(Task task) {
        ObjectNode node = json.createObjectNode();
        node.put("id", task.id().value());
        node.put("type", task.type().value());
        node.put("status", statusName(task));
        node.put("resource_url", task.resourceUrl());
        node.put("estimated_completion", instant(task.estimatedCompletion()));
        node.put("progress", task.progress());
        node.put("created_at", instant(task.createdAt()));
        node.put("updated_at", instant(task.updatedAt()));
        node.put("started_at", instant(task.startedAt()));
        node.put("completed_at", instant(task.completedAt()));
        node.put("query", task.query());
        node.put("completed_steps", task.completedSteps());
        node.put("total_steps", task.totalSteps());
        node.set("result", result(task.result()));
        node.put("error", task.error());
        node.put("expires_at", instant(task.expiresAt()));
        node.put("version", task.version());
        return node;
    }

    public ObjectNode of(TaskStats stats) {
        ObjectNode node = json.createObjectNode();
        node.put("total_tasks", stats.total());
        ObjectNode byType = node.putObject("tasks_by_type");
        stats.byTypeName().forEach(byType::put);
        ObjectNode byStatus = node.putObject("tasks_by_status");
        stats.byStatus().forEach((status, count) -> byStatus.put(statusName(status), count));
        return node;
    }

    /** The JSON a task completed with, or JSON null. */
    public JsonNode result(TaskResult result) {
        if (result == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(result.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored result is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String statusName(Task task) {
        return statusName(task.status());
    }

    /** A status as the tools write and read it: the REST API's lowercase name. */
    public static String statusName(TaskStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The status of that name, if there is one. */
    public static Optional<TaskStatus> statusNamed(String name) {
        return Arrays.stream(TaskStatus.values())
                .filter(status -> statusName(status).equals(name))
                .findFirst();
    }

    public static String instant(Instant instant) {
        return instant == null ? null : INSTANT.format(instant);
    }
}
