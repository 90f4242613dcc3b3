package dev.taskregistry.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.PageCursor;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a repository's whole listing by following its cursors, as a client pages through it. */
public final class TaskListing {

    private static final int MAX_PAGES = 10_000;

    private TaskListing() {}

    /** Every live task the filter matches, in listing order, in pages as large as allowed. */
    public static List<Task> all(TaskRepository repository, TaskFilter filter) {
        return walk(repository, filter, PageRequest.MAX_LIMIT, () -> {});
    }

    /** Follows cursors to the end in pages of {@code limit}, running {@code betweenPages} after each page. */
    public static List<Task> walk(TaskRepository repository, TaskFilter filter, int limit, Runnable betweenPages) {
        List<Task> walked = new ArrayList<>();
        PageRequest request = PageRequest.first(limit);
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            TaskPage page = repository.list(filter, request);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            walked.addAll(page.items());
            Optional<PageCursor> next = page.next();
            if (next.isEmpty()) {
                return walked;
            }
            betweenPages.run();
            request = request.after(next.get());
        }
        throw new AssertionError("paging did not end");
    }
}
