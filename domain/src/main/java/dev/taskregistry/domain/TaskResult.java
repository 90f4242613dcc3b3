package dev.taskregistry.domain;

/**
 * The outcome of a completed task: any JSON value (object, array, number, string, boolean), kept
 * verbatim as JSON text. The domain never interprets it; adapters parse and embed it as JSON.
 */
public record TaskResult(String json) {

    public TaskResult {
        if (json == null || json.isBlank()) {
            throw new InvalidTaskField(TaskField.RESULT, "must be a JSON value");
        }
        UnicodeText.requireWellFormed(TaskField.RESULT, json);
    }

    public static TaskResult ofJson(String json) {
        return new TaskResult(json);
    }
}
