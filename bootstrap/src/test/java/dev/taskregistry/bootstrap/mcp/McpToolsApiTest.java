package dev.taskregistry.bootstrap.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.bootstrap.ApiClient;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP endpoint through the official Java SDK client (Streamable HTTP), on the in-memory store: initialize,
 * the tools and their schemas, each tool, and each error a tool answers as a result.
 */
@HelidonTest
class McpToolsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiClient api;
    private McpSyncClient mcp;

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService();
        mcp = McpClients.connect(api.baseUrlForTests());
    }

    @AfterEach
    void disconnect() {
        mcp.closeGracefully();
    }

    private String registered(String type) {
        String id = "mcp-" + UUID.randomUUID();
        assertThat(api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"total_steps\":4}")
                        .status())
                .isEqualTo(201);
        return id;
    }

    private CallToolResult call(String tool, Map<String, Object> arguments) {
        return mcp.callTool(new CallToolRequest(tool, arguments));
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().getFirst()).text();
    }

    private static JsonNode structured(CallToolResult result) {
        return JSON.valueToTree(result.structuredContent());
    }

    @Test
    void initialize_namesTheServer_andOffersToolsAndTheTasksUtility() {
        McpSchema.InitializeResult init = mcp.getCurrentInitializationResult();

        assertThat(init.serverInfo().name()).isEqualTo("task-registry");
        assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
        assertThat(init.capabilities().tools()).isNotNull();
    }

    @Test
    void toolsList_offersTheThreeTools_eachWithInputAndOutputSchemas() {
        McpSchema.ListToolsResult tools = mcp.listTools();

        assertThat(tools.tools())
                .extracting(McpSchema.Tool::name)
                .containsExactlyInAnyOrder("get-task-status", "list-tasks", "task-stats");
        assertThat(tools.tools()).allSatisfy(tool -> {
            assertThat(tool.inputSchema()).containsEntry("type", "object");
            assertThat(tool.outputSchema()).containsEntry("type", "object");
            assertThat(tool.description()).isNotBlank();
        });
        assertThat(tools.tools().stream()
                        .filter(tool -> tool.name().equals("get-task-status"))
                        .findFirst()
                        .orElseThrow()
                        .inputSchema()
                        .get("required"))
                .isEqualTo(java.util.List.of("task_id"));
    }

    @Test
    void getTaskStatus_answersTheTaskAsTheApiDoes_withATextRendering() {
        String id = registered("report");
        api.post("/tasks/" + id + "/progress", "{\"completed_steps\":3}");

        CallToolResult result = call("get-task-status", Map.of("task_id", id));

        assertThat(result.isError()).isFalse();
        JsonNode task = structured(result);
        JsonNode viaRest = api.get("/tasks/" + id).json();
        assertThat(task).isEqualTo(viaRest);
        assertThat(text(result)).contains(id).contains("running").contains("3 of 4 steps");
    }

    @Test
    void getTaskStatus_ofAnUnknownTask_isAnErrorResultSayingNotFound() {
        CallToolResult result = call("get-task-status", Map.of("task_id", "no-such-task"));

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("'no-such-task' was not found");
        assertThat(result.structuredContent()).isNull();
    }

    @Test
    void badArguments_areErrorResultsNamingTheArgument() {
        assertThat(text(call("get-task-status", Map.of()))).contains("'task_id' is required");
        assertThat(text(call("get-task-status", Map.of("task_id", 42)))).contains("'task_id' must be a string");
        assertThat(text(call("get-task-status", Map.of("task_id", "bad id!")))).contains("'task_id'");
        assertThat(text(call("get-task-status", Map.of("task_id", "x", "extra", true))))
                .contains("'extra' is not an argument");
        assertThat(text(call("list-tasks", Map.of("limit", 0))))
                .contains("'limit' must be a whole number from 1 to 1000");
        assertThat(text(call("list-tasks", Map.of("limit", 2.5)))).contains("'limit'");
        assertThat(text(call("list-tasks", Map.of("status", "done")))).contains("'status' must be one of");
        assertThat(text(call("list-tasks", Map.of("cursor", "forged")))).contains("'cursor'");
        assertThat(call("list-tasks", Map.of("limit", 0)).isError()).isTrue();
    }

    @Test
    void listTasks_filtersAndPagesWithTheCursor_seeingEachTaskOnce() {
        String type = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String first = registered(type);
        String second = registered(type);
        String third = registered(type);

        CallToolResult page1 = call("list-tasks", Map.of("type", type, "limit", 2));
        JsonNode body1 = structured(page1);
        assertThat(body1.get("items")).hasSize(2);
        String cursor = body1.get("next_cursor").asText();
        CallToolResult page2 = call("list-tasks", Map.of("type", type, "limit", 2, "cursor", cursor));
        JsonNode body2 = structured(page2);

        assertThat(body2.get("next_cursor").isNull()).isTrue();
        java.util.List<String> seen = new java.util.ArrayList<>();
        body1.get("items").forEach(item -> seen.add(item.get("id").asText()));
        body2.get("items").forEach(item -> seen.add(item.get("id").asText()));
        assertThat(seen).containsExactlyInAnyOrder(first, second, third);
        assertThat(text(page1)).contains("2 tasks").contains("cursor");
    }

    @Test
    void taskStats_countsByStatusAndType() {
        String type = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        registered(type);

        CallToolResult result = call("task-stats", Map.of());

        assertThat(result.isError()).isFalse();
        JsonNode stats = structured(result);
        assertThat(stats.get("tasks_by_type").get(type).asLong()).isEqualTo(1);
        assertThat(stats.get("total_tasks").asLong()).isPositive();
        assertThat(text(result)).contains("live tasks");
    }
}
