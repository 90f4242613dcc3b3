package dev.taskregistry.adapters.mcp.tools;

import dev.taskregistry.adapters.mcp.TaskJson;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskStats;
import java.util.Map;
import java.util.stream.Collectors;

/** The text rendering of each tool's answer, for clients and models that read text rather than structure. */
final class TaskText {

    private TaskText() {}

    static String describe(Task task, TaskJson json) {
        StringBuilder text = new StringBuilder()
                .append("Task ")
                .append(task.id().value())
                .append(" (")
                .append(task.type().value())
                .append(") is ")
                .append(TaskJson.statusName(task));
        switch (task.status()) {
            case PENDING, RUNNING -> text.append(progress(task));
            case COMPLETED -> text.append(". Result: ").append(json.result(task.result()));
            case FAILED -> text.append(": ").append(task.error());
            case CANCELLED -> {}
        }
        return text.append(". Updated ")
                .append(TaskJson.instant(task.updatedAt()))
                .append("; expires ")
                .append(TaskJson.instant(task.expiresAt()))
                .append("; version ")
                .append(task.version())
                .append('.')
                .toString();
    }

    static String describe(TaskPage page, String nextCursor) {
        String items = page.items().stream()
                .map(task -> "- " + task.id().value() + " (" + task.type().value() + "): " + TaskJson.statusName(task)
                        + progress(task))
                .collect(Collectors.joining("\n"));
        String count = page.items().size() == 1 ? "1 task" : page.items().size() + " tasks";
        String more = nextCursor == null ? "" : "\nMore tasks follow: call again with cursor " + nextCursor;
        return count + (items.isEmpty() ? "." : ":\n" + items) + more;
    }

    static String describe(TaskStats stats) {
        return stats.total() + " live tasks. By status: "
                + counts(stats.byStatus().entrySet().stream()
                        .collect(Collectors.toMap(e -> TaskJson.statusName(e.getKey()), Map.Entry::getValue)))
                + ". By type: " + counts(stats.byTypeName()) + ".";
    }

    private static String progress(Task task) {
        if (task.status().isTerminal()) {
            return "";
        }
        String percent = Math.round(task.progress() * 100) + "%";
        return task.totalSteps() == null
                ? ", " + percent
                : ", " + percent + " (" + task.completedSteps() + " of " + task.totalSteps() + " steps)";
    }

    private static String counts(Map<String, Long> counts) {
        return counts.isEmpty()
                ? "none"
                : counts.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}
