package dev.taskregistry.domain;

import java.util.Optional;

/** One page of a listing: at most {@code limit} tasks, starting after the optional cursor. */
public record PageRequest(int limit, Optional<PageCursor> cursor) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 50;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidTaskField(TaskField.LIMIT, "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        cursor = cursor == null ? Optional.empty() : cursor;
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    public PageRequest after(PageCursor next) {
        return new PageRequest(limit, Optional.of(next));
    }
}
