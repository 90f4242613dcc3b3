package dev.taskregistry.domain;

import java.util.List;
import java.util.Optional;

/** A page of live tasks in listing order, and the cursor of the next page when there may be one. */
public record TaskPage(List<Task> items, Optional<PageCursor> next) {

    public TaskPage {
        items = List.copyOf(items);
        next = next == null ? Optional.empty() : next;
    }

    /** Builds a page from up to {@code limit + 1} matching tasks: the extra one only says a next page exists. */
    public static TaskPage of(List<Task> matching, int limit) {
        if (matching.size() <= limit) {
            return new TaskPage(matching, Optional.empty());
        }
        List<Task> items = matching.subList(0, limit);
        return new TaskPage(items, Optional.of(PageCursor.after(items.get(limit - 1))));
    }
}
