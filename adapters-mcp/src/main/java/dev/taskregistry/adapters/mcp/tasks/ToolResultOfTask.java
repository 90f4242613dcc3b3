package dev.taskregistry.adapters.mcp.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskregistry.adapters.mcp.TaskJson;
import dev.taskregistry.domain.Task;

/**
 * What {@code tasks/result} answers for an ended task: a {@code CallToolResult}, as a tool would. A completed
 * task's {@code structuredContent} holds its result ({@code {"task_id": ..., "result": <its JSON>}}, with the
 * JSON also as text); a failed or cancelled one is {@code isError} with its error.
 */
final class ToolResultOfTask {

    private ToolResultOfTask() {}

    static ObjectNode of(Task task, TaskJson tasks, ObjectMapper json) {
        ObjectNode result = json.createObjectNode();
        String id = task.id().value();
        switch (task.status()) {
            case COMPLETED -> {
                ObjectNode structured = result.putObject("structuredContent");
                structured.put("task_id", id);
                structured.set("result", tasks.result(task.result()));
                text(result, "Task " + id + " completed. Result: " + tasks.result(task.result()));
                result.put("isError", false);
            }
            case FAILED -> {
                text(result, "Task " + id + " failed: " + task.error());
                result.put("isError", true);
            }
            case CANCELLED -> {
                text(result, "Task " + id + " was cancelled.");
                result.put("isError", true);
            }
            case PENDING, RUNNING -> throw new IllegalArgumentException("task " + id + " has not ended");
        }
        return result;
    }

    private static void text(ObjectNode result, String text) {
        ObjectNode content = result.putArray("content").addObject();
        content.put("type", "text");
        content.put("text", text);
    }
}
