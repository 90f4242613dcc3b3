package dev.taskregistry.adapters.mcp.tasks;

import static dev.taskregistry.adapters.mcp.JsonRpc.INTERNAL_ERROR;
import static dev.taskregistry.adapters.mcp.JsonRpc.INVALID_PARAMS;
import static dev.taskregistry.adapters.mcp.JsonRpc.STILL_WORKING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskregistry.adapters.mcp.McpSettings;
import dev.taskregistry.adapters.mcp.TaskJson;
import dev.taskregistry.application.ExpectedVersion;
import dev.taskregistry.application.ListingCursors;
import dev.taskregistry.application.TaskUseCases;
import dev.taskregistry.application.feed.FeedUseCases;
import dev.taskregistry.application.feed.TooManySubscribers;
import dev.taskregistry.domain.IllegalTaskTransition;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.PageCursor;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskStoreUnavailable;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tasks utility of MCP 2025-11-25 ({@code tasks/get}, {@code tasks/list}, {@code tasks/cancel},
 * {@code tasks/result}) over the registry's tasks, kept apart from the rest because the utility is experimental
 * and its successor changes it. Answers are JSON-RPC results or errors: an unknown or expired task and bad
 * params are -32602, an outage -32603.
 */
public final class McpTaskMethods {

    /** The methods answered here; the SDK answers every other. */
    public static final Set<String> METHODS = Set.of("tasks/get", "tasks/list", "tasks/cancel", "tasks/result");

    private static final int PAGE_SIZE = 50;
    private static final Logger LOG = Logger.getLogger(McpTaskMethods.class.getName());

    private final TaskUseCases useCases;
    private final FeedUseCases feed;
    private final McpSettings settings;
    private final McpTaskState states;
    private final TaskJson tasks;
    private final ObjectMapper json;

    public McpTaskMethods(TaskUseCases useCases, FeedUseCases feed, McpSettings settings, ObjectMapper json) {
        this.useCases = useCases;
        this.feed = feed;
        this.settings = settings;
        this.json = json;
        this.states = new McpTaskState(json, settings.pollInterval());
        this.tasks = new TaskJson(json);
    }

    /** The result of {@code method} with {@code params} (an object or null). */
    public Answer answer(String method, JsonNode params) {
        try {
            return switch (method) {
                case "tasks/get" -> Answer.of(states.of(useCases.getTask().get(taskId(params))));
                case "tasks/list" -> Answer.of(list(params));
                case "tasks/cancel" -> Answer.of(cancel(taskId(params)));
                case "tasks/result" -> result(taskId(params));
                default -> throw new IllegalArgumentException("not a tasks method: " + method);
            };
        } catch (BadParams bad) {
            return Answer.error(INVALID_PARAMS, bad.getMessage());
        } catch (TaskNotFound notFound) {
            return Answer.error(INVALID_PARAMS, "task '" + notFound.id().value() + "' does not exist or has expired");
        } catch (TaskStoreUnavailable outage) {
            LOG.log(Level.WARNING, "MCP {0}: task store unavailable: {1}", new Object[] {method, outage.getMessage()});
            return Answer.error(INTERNAL_ERROR, "the task store is unavailable; retry later");
        } catch (TooManySubscribers busy) {
            return Answer.error(INTERNAL_ERROR, busy.getMessage());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return Answer.error(INTERNAL_ERROR, "the service is stopping; retry");
        }
    }

    private ObjectNode list(JsonNode params) {
        TaskFilter all = TaskFilter.all();
        Optional<PageCursor> cursor = optionalText(params, "cursor").map(token -> {
            try {
                return ListingCursors.decode(token, all);
            } catch (InvalidTaskField invalid) {
                throw new BadParams("'cursor' " + invalid.problem(Object::toString));
            }
        });
        TaskPage page = useCases.listTasks().list(all, new PageRequest(PAGE_SIZE, cursor));
        ObjectNode result = json.createObjectNode();
        ArrayNode items = result.putArray("tasks");
        page.items().forEach(task -> items.add(states.of(task)));
        page.next().ifPresent(next -> result.put("nextCursor", ListingCursors.encode(next, all)));
        return result;
    }

    private ObjectNode cancel(TaskId id) {
        Task current = useCases.getTask().get(id);
        if (current.status().isTerminal()) {
            throw alreadyEnded(current);
        }
        try {
            return states.of(useCases.cancelTask().cancel(id, ExpectedVersion.any()));
        } catch (IllegalTaskTransition endedMeanwhile) {
            throw alreadyEnded(useCases.getTask().get(id));
        }
    }

    /** Waits through the change feed (so also for a change on another worker) until the task ends, bounded. */
    private Answer result(TaskId id) throws InterruptedException {
        long deadline = System.nanoTime() + settings.resultWait().toNanos();
        Task task = useCases.getTask().get(id);
        while (!task.status().isTerminal()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Answer.error(
                        STILL_WORKING,
                        "task '" + id.value() + "' is still working after "
                                + settings.resultWait().toSeconds() + " s; call tasks/result again");
            }
            task = feed.awaitTaskChange().await(id, OptionalLong.of(task.version()), Duration.ofNanos(remaining));
        }
        return Answer.of(ToolResultOfTask.of(task, tasks, json));
    }

    private static BadParams alreadyEnded(Task task) {
        return new BadParams("task '" + task.id().value() + "' is already " + TaskJson.statusName(task)
                + ": only a working task can be cancelled");
    }

    private static TaskId taskId(JsonNode params) {
        String value =
                optionalText(params, "taskId").orElseThrow(() -> new BadParams("'taskId' is required (a string)"));
        try {
            return TaskId.of(value);
        } catch (InvalidTaskField invalid) {
            throw new BadParams("'taskId' " + invalid.problem(Object::toString));
        }
    }

    private static Optional<String> optionalText(JsonNode params, String name) {
        JsonNode value = params == null ? null : params.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new BadParams("'" + name + "' must be a string, was "
                    + value.getNodeType().name().toLowerCase());
        }
        return Optional.of(value.asText());
    }

    /** A result, or a JSON-RPC error. */
    public record Answer(JsonNode result, Integer errorCode, String errorMessage) {

        static Answer of(JsonNode result) {
            return new Answer(result, null, null);
        }

        static Answer error(int code, String message) {
            return new Answer(null, code, message);
        }

        public boolean isError() {
            return errorCode != null;
        }
    }

    private static final class BadParams extends RuntimeException {

        BadParams(String message) {
            super(message);
        }
    }
}
