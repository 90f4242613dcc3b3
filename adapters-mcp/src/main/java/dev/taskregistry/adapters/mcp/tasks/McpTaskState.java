package dev.taskregistry.adapters.mcp.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskregistry.adapters.mcp.TaskJson;
import dev.taskregistry.domain.Task;
import java.time.Duration;

/**
 * A registry task as the MCP 2025-11-25 tasks utility's {@code Task}: pending and running are {@code working},
 * the terminal statuses keep their names; {@code ttl} is the task's lifetime in milliseconds (from its creation
 * to its expiry), {@code lastUpdatedAt} its last change. Experimental, as the utility is.
 */
final class McpTaskState {

    private final ObjectMapper json;
    private final Duration pollInterval;

    McpTaskState(ObjectMapper json, Duration pollInterval) {
        this.json = json;
        this.pollInterval = pollInterval;
    }

    ObjectNode of(Task task) {
        ObjectNode node = json.createObjectNode();
        node.put("taskId", task.id().value());
        node.put("status", statusOf(task));
        node.put("statusMessage", messageOf(task));
        node.put("createdAt", TaskJson.instant(task.createdAt()));
        node.put("lastUpdatedAt", TaskJson.instant(task.updatedAt()));
        node.put("ttl", Duration.between(task.createdAt(), task.expiresAt()).toMillis());
        node.put("pollInterval", pollInterval.toMillis());
        return node;
    }

    static String statusOf(Task task) {
        return switch (task.status()) {
            case PENDING, RUNNING -> "working";
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
    }

    private static String messageOf(Task task) {
        return switch (task.status()) {
            case PENDING -> "pending: not started yet";
            case RUNNING ->
                task.totalSteps() == null
                        ? "running, " + Math.round(task.progress() * 100) + "%"
                        : "running, " + task.completedSteps() + " of " + task.totalSteps() + " steps";
            case COMPLETED -> "completed";
            case FAILED -> task.error();
            case CANCELLED -> "cancelled";
        };
    }
}
