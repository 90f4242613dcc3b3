package dev.taskregistry.adapters.mcp.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskregistry.adapters.mcp.TaskJson;
import dev.taskregistry.application.ListingCursors;
import dev.taskregistry.application.TaskUseCases;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.TaskType;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registry's tools: {@code get-task-status} (the original server's tool, now answered by any worker),
 * {@code list-tasks} and {@code task-stats}. Every failure is a result with {@code isError} saying what is
 * wrong, never an exception: an unknown task is "not found", an outage "unavailable, retry", a bad argument
 * names the argument.
 */
public final class RegistryTools {

    private static final Logger LOG = Logger.getLogger(RegistryTools.class.getName());

    private final TaskUseCases useCases;
    private final McpJsonMapper mcpJson;
    private final ObjectMapper json;
    private final TaskJson tasks;

    public RegistryTools(TaskUseCases useCases, McpJsonMapper mcpJson, ObjectMapper json) {
        this.useCases = useCases;
        this.mcpJson = mcpJson;
        this.json = json;
        this.tasks = new TaskJson(json);
    }

    public List<SyncToolSpecification> specifications() {
        return List.of(
                tool(
                        "get-task-status",
                        "Task status",
                        "The current state of one task, from the registry every worker shares: status, progress,"
                                + " result or error. Unknown or expired ids are reported as not found.",
                        ToolSchemas.GET_TASK_STATUS_INPUT,
                        ToolSchemas.GET_TASK_STATUS_OUTPUT,
                        this::getTaskStatus),
                tool(
                        "list-tasks",
                        "List tasks",
                        "Live tasks, latest expiry first, optionally of one status and type; page with limit and"
                                + " cursor (the next_cursor of the previous page).",
                        ToolSchemas.LIST_TASKS_INPUT,
                        ToolSchemas.LIST_TASKS_OUTPUT,
                        this::listTasks),
                tool(
                        "task-stats",
                        "Task statistics",
                        "How many live tasks there are, by status and by type.",
                        ToolSchemas.TASK_STATS_INPUT,
                        ToolSchemas.TASK_STATS_OUTPUT,
                        this::taskStats));
    }

    private CallToolResult getTaskStatus(Map<String, Object> arguments) {
        ToolArguments read = new ToolArguments(arguments, Set.of("task_id"));
        TaskId id = named("task_id", () -> TaskId.of(read.requiredText("task_id")));
        Task task = useCases.getTask().get(id);
        return success(tasks.of(task), TaskText.describe(task, tasks));
    }

    private CallToolResult listTasks(Map<String, Object> arguments) {
        ToolArguments read = new ToolArguments(arguments, Set.of("status", "type", "limit", "cursor"));
        TaskStatus status =
                read.optionalText("status").map(RegistryTools::status).orElse(null);
        TaskType type =
                named("type", () -> read.optionalText("type").map(TaskType::of).orElse(null));
        TaskFilter filter = TaskFilter.of(status, type);
        int limit = read.optionalInteger("limit", 1, PageRequest.MAX_LIMIT).orElse(PageRequest.DEFAULT_LIMIT);
        PageRequest page = new PageRequest(
                limit,
                named("cursor", () -> read.optionalText("cursor").map(token -> ListingCursors.decode(token, filter))));
        TaskPage found = useCases.listTasks().list(filter, page);
        ObjectNode structured = json.createObjectNode();
        var items = structured.putArray("items");
        found.items().forEach(task -> items.add(tasks.of(task)));
        structured.put(
                "next_cursor",
                found.next().map(next -> ListingCursors.encode(next, filter)).orElse(null));
        return success(
                structured,
                TaskText.describe(found, structured.get("next_cursor").asText(null)));
    }

    private CallToolResult taskStats(Map<String, Object> arguments) {
        new ToolArguments(arguments, Set.of());
        TaskStats stats = useCases.getTaskStats().stats();
        return success(tasks.of(stats), TaskText.describe(stats));
    }

    private SyncToolSpecification tool(
            String name,
            String title,
            String description,
            String input,
            String output,
            Function<Map<String, Object>, CallToolResult> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(name)
                .title(title)
                .description(description)
                .inputSchema(mcpJson, input)
                .outputSchema(mcpJson, output)
                .annotations(new McpSchema.ToolAnnotations(title, true, false, true, false, null))
                .build();
        return new SyncToolSpecification(tool, (context, request) -> answered(request.arguments(), handler));
    }

    /** Every failure as a result the model can read, never an exception (the SDK would make it -32603). */
    private CallToolResult answered(
            Map<String, Object> arguments, Function<Map<String, Object>, CallToolResult> handler) {
        try {
            return handler.apply(arguments);
        } catch (ToolArguments.BadArgument bad) {
            return failure(bad.getMessage());
        } catch (TaskNotFound notFound) {
            return failure("Task '" + notFound.id().value() + "' was not found: it is unknown or has expired.");
        } catch (TaskStoreUnavailable outage) {
            LOG.log(Level.WARNING, "MCP tool call: task store unavailable: {0}", outage.getMessage());
            return failure("The task store is unavailable right now, so the registry cannot answer; this is not"
                    + " 'not found'. Retry in a few seconds.");
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "MCP tool call failed", unexpected);
            return failure("The registry failed to answer this call; retry, or report it if it persists.");
        }
    }

    /**
     * The tree itself as the structured content: Jackson writes it as it writes the map it was once converted to
     * (a copy that cost as much as the rest of the tool's work), and the SDK's output check reads it as a tree.
     */
    private CallToolResult success(ObjectNode structured, String text) {
        return CallToolResult.builder()
                .structuredContent(structured)
                .addTextContent(text)
                .isError(false)
                .build();
    }

    private static CallToolResult failure(String text) {
        return CallToolResult.builder().addTextContent(text).isError(true).build();
    }

    private static TaskStatus status(String name) {
        return TaskJson.statusNamed(name)
                .orElseThrow(() -> new ToolArguments.BadArgument(
                        "status", "must be one of pending, running, completed, failed, cancelled"));
    }

    /** Runs a domain conversion, telling its rule in the argument's name. */
    private static <T> T named(String argument, java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (InvalidTaskField invalid) {
            throw new ToolArguments.BadArgument(argument, invalid.problem(TaskField::toString));
        }
    }
}
