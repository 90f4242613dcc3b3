package dev.taskregistry.bootstrap.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskregistry.bootstrap.ApiClient;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import io.helidon.microprofile.testing.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /mcp} as raw HTTP: the transport's rules (stateless, JSON, 202 for notifications, Origin,
 * MCP-Protocol-Version, methods), every JSON-RPC shape a client can get wrong with its error code, and the tasks
 * utility of MCP 2025-11-25 (which no released Java client speaks; the TypeScript SDK's client is run against
 * it in an integration test). None of the bad calls stores anything.
 */
@HelidonTest
@AddConfig(key = "taskregistry.mcp.allowed-origins", value = "https://dashboard.example.com")
@AddConfig(key = "taskregistry.mcp.result-wait", value = "PT2S")
class McpProtocolApiTest {

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService();
    }

    private ApiResponse post(String body, String... headers) {
        return api.post("/mcp", body, headers);
    }

    private JsonNode call(String method, String params) {
        ApiResponse answer =
                post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("id").asInt()).isEqualTo(7);
        return answer.json();
    }

    private static void assertError(JsonNode answer, int code, String messagePart) {
        assertThat(answer.get("error").get("code").asInt())
                .as(answer.toString())
                .isEqualTo(code);
        assertThat(answer.get("error").get("message").asText()).contains(messagePart);
    }

    private String registered() {
        String id = "mcp-" + UUID.randomUUID();
        assertThat(api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"report\",\"total_steps\":2}")
                        .status())
                .isEqualTo(201);
        return id;
    }

    private long totalTasks() {
        return api.get("/stats").json().get("total_tasks").asLong();
    }

    @Test
    void initialize_answersJson_withoutASession_andAnnouncesTheTasksUtility() {
        ApiResponse answer = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.header("Mcp-Session-Id")).isNull();
        JsonNode capabilities = answer.json().get("result").get("capabilities");
        assertThat(capabilities.has("tools")).isTrue();
        assertThat(capabilities.get("tasks").has("list")).isTrue();
        assertThat(capabilities.get("tasks").has("cancel")).isTrue();
    }

    @Test
    void aNotification_is202WithoutABody() {
        ApiResponse answer = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void aBodyOverTheApisLimit_is413_andStoresNothing() {
        long before = totalTasks();
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(1_100_000)
                + "\"}}";

        assertThat(post(huge).status()).isEqualTo(413);
        assertThat(totalTasks()).isEqualTo(before);
    }

    @Test
    void getAndDelete_are405() {
        assertThat(api.get("/mcp").status()).isEqualTo(405);
        assertThat(api.delete("/mcp").status()).isEqualTo(405);
    }

    @Test
    void aForeignOrigin_is403_whileAnAllowedOneAndNoneAreServed() {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

        ApiResponse foreign = post(ping, "Origin", "https://evil.example.com");
        assertThat(foreign.status()).isEqualTo(403);
        assertError(foreign.json(), -32600, "Origin 'https://evil.example.com' may not call this server");
        assertThat(post(ping, "Origin", "https://dashboard.example.com").status())
                .isEqualTo(200);
        assertThat(post(ping).status()).isEqualTo(200);
    }

    @Test
    void anUnsupportedProtocolVersionHeader_is400_andSupportedOnesAreServed() {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

        ApiResponse refused = post(ping, "MCP-Protocol-Version", "1999-01-01");
        assertThat(refused.status()).isEqualTo(400);
        assertError(refused.json(), -32600, "MCP-Protocol-Version '1999-01-01' is not supported");
        for (String version : List.of("2025-11-25", "2025-06-18", "2025-03-26")) {
            assertThat(post(ping, "MCP-Protocol-Version", version).status())
                    .as(version)
                    .isEqualTo(200);
        }
    }

    @Test
    void everyMalformedMessage_getsItsJsonRpcErrorCode_andStoresNothing() {
        long before = totalTasks();
        record Case(String body, int code, String message) {}
        List<Case> cases = List.of(
                new Case("{\"jsonrpc\":\"2.0\",", -32700, "not JSON"),
                new Case("", -32700, "empty"),
                new Case("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", -32600, "batches are not supported"),
                new Case("\"ping\"", -32600, "must be an object, was a string"),
                new Case("42", -32600, "must be an object"),
                new Case("{\"id\":1,\"method\":\"ping\"}", -32600, "'jsonrpc' must be \"2.0\""),
                new Case("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", -32600, "'jsonrpc'"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":1}", -32600, "'method' is required"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", -32600, "'method' must be a non-empty string"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", -32600, "'id' must be"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", -32600, "'id' must be"),
                new Case("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", -32600, "'id' must be"),
                new Case(
                        "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"ping\"}",
                        -32600,
                        "'id' must be"),
                new Case(
                        "{\"jsonrpc\":\"2.0\",\"id\":\"" + "x".repeat(300) + "\",\"method\":\"ping\"}",
                        -32600,
                        "'id' must be"));
        for (Case bad : cases) {
            ApiResponse answer = post(bad.body());
            assertError(answer.json(), bad.code(), bad.message());
            // An id that could be read is echoed, so the client can match the error; then it is the answer (200).
            JsonNode id = answer.json().get("id");
            assertThat(id.isNull() || id.asInt() == 1).as(bad.body()).isTrue();
            assertThat(answer.status()).as(bad.body()).isEqualTo(id.isNull() ? 400 : 200);
        }
        assertThat(totalTasks()).isEqualTo(before);
    }

    @Test
    void wrongParams_unknownMethodsAndUnknownTools_areAnsweredWithTheirCodes() {
        assertError(call("ping", "[1,2]"), -32602, "'params' must be an object, was an array");
        assertError(call("no/such/method", "{}"), -32601, "");
        assertError(
                call("tools/call", "{\"name\":5}"),
                -32602,
                "'name' is required: the tool's name, a string, was a number");
        assertError(call("tools/call", "{}"), -32602, "'name' is required");
        assertError(
                call("tools/call", "{\"name\":\"get-task-status\",\"arguments\":\"x\"}"),
                -32602,
                "'arguments' must be an object, was a string");
        assertError(call("initialize", "{\"protocolVersion\":7}"), -32602, "'protocolVersion' is required");
        JsonNode unknownTool = call("tools/call", "{\"name\":\"no-such-tool\",\"arguments\":{}}");
        assertThat(unknownTool.toString()).contains("no-such-tool");
        assertError(call("tasks/get", "{}"), -32602, "'taskId' is required");
        assertError(call("tasks/get", "{\"taskId\":5}"), -32602, "'taskId' must be a string");
        assertError(call("tasks/get", "{\"taskId\":\"bad id!\"}"), -32602, "'taskId'");
        // Odd text in an id (a lone surrogate, CR/LF) is refused naming the argument.
        assertError(call("tasks/get", "{\"taskId\":\"\\ud800\"}"), -32602, "'taskId'");
        assertError(call("tasks/get", "{\"taskId\":\"a\\r\\nb\"}"), -32602, "'taskId'");
        assertThat(call("tools/call", "{\"name\":\"get-task-status\",\"arguments\":{\"task_id\":\"a\\r\\nb\"}}")
                        .toString())
                .contains("Argument 'task_id'");
        assertError(call("tasks/list", "{\"cursor\":\"forged\"}"), -32602, "'cursor'");
    }

    @Test
    void tasksGet_mapsTheTask_andAnUnknownOneIsInvalidParams() {
        String id = registered();
        api.post("/tasks/" + id + "/progress", "{\"completed_steps\":1}");

        JsonNode task = call("tasks/get", "{\"taskId\":\"" + id + "\"}").get("result");

        assertThat(task.get("taskId").asText()).isEqualTo(id);
        assertThat(task.get("status").asText()).isEqualTo("working");
        assertThat(task.get("statusMessage").asText()).isEqualTo("running, 1 of 2 steps");
        assertThat(task.get("ttl").asLong()).isEqualTo(300_000);
        assertThat(task.get("pollInterval").asLong()).isEqualTo(2_000);
        JsonNode viaRest = api.get("/tasks/" + id).json();
        assertThat(task.get("createdAt").asText())
                .isEqualTo(viaRest.get("created_at").asText());
        assertThat(task.get("lastUpdatedAt").asText())
                .isEqualTo(viaRest.get("updated_at").asText());
        assertError(call("tasks/get", "{\"taskId\":\"no-such-task\"}"), -32602, "does not exist or has expired");
    }

    @Test
    void tasksList_pagesEveryLiveTask() {
        String id = registered();
        boolean seen = false;
        String cursor = null;
        do {
            JsonNode result = call("tasks/list", cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}")
                    .get("result");
            for (JsonNode task : result.get("tasks")) {
                seen |= task.get("taskId").asText().equals(id);
            }
            cursor = result.has("nextCursor") ? result.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(seen).isTrue();
    }

    @Test
    void tasksCancel_cancelsAWorkingTask_andRefusesATerminalOne() {
        String id = registered();

        JsonNode cancelled = call("tasks/cancel", "{\"taskId\":\"" + id + "\"}").get("result");

        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(api.get("/tasks/" + id).json().get("status").asText()).isEqualTo("cancelled");
        assertError(call("tasks/cancel", "{\"taskId\":\"" + id + "\"}"), -32602, "already cancelled");
    }

    @Test
    void tasksResult_waitsForTheEnd_andAnswersACallToolResult() throws Exception {
        String id = registered();
        CompletableFuture<JsonNode> waiting =
                CompletableFuture.supplyAsync(() -> call("tasks/result", "{\"taskId\":\"" + id + "\"}"));
        api.post("/tasks/" + id + "/complete", "{\"result\":{\"score\":0.93}}");
        // The wait is 2 s here: if the poll began after the completion it answers at once, else on the change.
        JsonNode result = waiting.get(30, TimeUnit.SECONDS);
        if (result.has("error")) {
            // It answered "still working" before the completion reached it: ask again, now it has ended.
            result = call("tasks/result", "{\"taskId\":\"" + id + "\"}");
        }
        JsonNode callToolResult = result.get("result");
        assertThat(callToolResult.get("isError").asBoolean()).isFalse();
        assertThat(callToolResult
                        .get("structuredContent")
                        .get("result")
                        .get("score")
                        .asDouble())
                .isEqualTo(0.93);
        assertThat(callToolResult.get("content").get(0).get("text").asText()).contains("completed");

        String failed = registered();
        api.post("/tasks/" + failed + "/fail", "{\"error\":\"upstream timed out\"}");
        JsonNode failure =
                call("tasks/result", "{\"taskId\":\"" + failed + "\"}").get("result");
        assertThat(failure.get("isError").asBoolean()).isTrue();
        assertThat(failure.get("content").get(0).get("text").asText()).contains("upstream timed out");
    }

    @Test
    void tasksResult_ofATaskThatDoesNotEndInTheWait_saysItIsStillWorking() {
        String id = registered();

        assertError(call("tasks/result", "{\"taskId\":\"" + id + "\"}"), -32001, "still working");
        assertError(call("tasks/result", "{\"taskId\":\"no-such-task\"}"), -32602, "does not exist");
    }
}
