package dev.taskregistry.domain;

import java.util.regex.Pattern;

/** The kind of work a task does, such as {@code equity_analysis}: 1 to 64 characters of {@code [a-z0-9_.-]}. */
public record TaskType(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9_.-]+");

    public TaskType {
        if (value == null || value.isEmpty()) {
            throw new InvalidTaskField(TaskField.TYPE, "must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidTaskField(
                    TaskField.TYPE, "must be at most " + MAX_LENGTH + " characters, was " + value.length());
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidTaskField(TaskField.TYPE, "must use only a-z, 0-9, '_', '.' and '-'");
        }
    }

    public static TaskType of(String value) {
        return new TaskType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
