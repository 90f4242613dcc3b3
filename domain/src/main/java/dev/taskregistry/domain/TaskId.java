package dev.taskregistry.domain;

import java.util.regex.Pattern;

/**
 * Identifies a task. An id becomes part of a store key, so only a safe alphabet is accepted:
 * 1 to 128 characters of {@code [A-Za-z0-9._-]}, starting with a letter or digit.
 */
public record TaskId(String value) implements Comparable<TaskId> {

    public static final int MAX_LENGTH = 128;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public TaskId {
        if (value == null || value.isEmpty()) {
            throw new InvalidTaskField(TaskField.ID, "must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidTaskField(
                    TaskField.ID, "must be at most " + MAX_LENGTH + " characters, was " + value.length());
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidTaskField(
                    TaskField.ID, "must use only A-Z, a-z, 0-9, '.', '_' and '-' and start with a letter or digit");
        }
    }

    public static TaskId of(String value) {
        return new TaskId(value);
    }

    /** Ordinal order of the ASCII value, which is also the byte order a Redis sorted set uses for ties. */
    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
