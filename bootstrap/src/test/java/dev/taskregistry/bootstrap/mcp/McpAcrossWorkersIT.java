package dev.taskregistry.bootstrap.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.bootstrap.ApiClient;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.bootstrap.workers.WorkerProcesses;
import dev.taskregistry.redis.testing.RedisServerOptions;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The MCP endpoint across worker processes of the packaged jar, through the official Java SDK client
 * ({@code HttpClientStreamableHttpTransport}, {@code McpClient.sync}): with a shared Redis store every worker
 * answers {@code get-task-status} for a task registered on another, and {@code tasks/result} waiting on one
 * worker hears of a completion on another; with per-worker in-memory stores the original bug shows again, each
 * task found on exactly 1 worker of 4. Each nested class starts its workers once and stops them after its tests.
 */
class McpAcrossWorkersIT {

    private static final int WORKERS = 4;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<McpSyncClient> connectAll(WorkerProcesses workers) {
        List<McpSyncClient> clients = new ArrayList<>();
        try {
            for (int w = 0; w < workers.size(); w++) {
                clients.add(McpClients.connect(workers.worker(w).baseUrlForTests()));
            }
            return clients;
        } catch (RuntimeException e) {
            closeAll(clients);
            throw e;
        }
    }

    private static void closeAll(List<McpSyncClient> clients) {
        for (McpSyncClient client : clients) {
            try {
                client.closeGracefully();
            } catch (RuntimeException ignored) {
                client.close();
            }
        }
        clients.clear();
    }

    private static CallToolResult getTaskStatus(McpSyncClient client, String id) {
        return client.callTool(new CallToolRequest("get-task-status", Map.of("task_id", id)));
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().getFirst()).text();
    }

    private static String register(ApiClient worker, String id) {
        ApiResponse created = worker.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"mcp_probe\",\"total_steps\":4}");
        assertThat(created.status()).as("POST /tasks: %s", created).isEqualTo(201);
        return id;
    }

    /** 4 workers sharing a {@code redis-server} of this test's own (never the machine's). */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnRedis {

        private RedisServerProcess redis;
        private WorkerProcesses workers;
        private List<McpSyncClient> clients = List.of();

        @BeforeAll
        void start() {
            // JUnit runs stop() also when this fails: it stops whatever has started.
            redis = RedisServerProcess.start(RedisServerOptions.inMemory());
            workers = WorkerProcesses.start(
                    "mcp-redis",
                    WORKERS,
                    Map.of(
                            "TASKREGISTRY_STORE",
                            "redis",
                            "TASKREGISTRY_REDIS_URL",
                            redis.url(),
                            "TASKREGISTRY_REDIS_KEY_PREFIX",
                            TestRedis.uniquePrefix(),
                            // below ApiClient's 30 s request timeout, so a wait that misses the change says so
                            "TASKREGISTRY_MCP_RESULT_WAIT",
                            "PT20S"));
            clients = connectAll(workers);
        }

        @AfterAll
        void stop() {
            try {
                closeAll(new ArrayList<>(clients));
            } finally {
                try {
                    if (workers != null) {
                        workers.close();
                    }
                } finally {
                    if (redis != null) {
                        redis.close();
                    }
                }
            }
        }

        @Test
        void aTaskRegisteredOnWorker1_isFoundByGetTaskStatusOnWorkers2To4_asWorker1AnswersOverRest() {
            String id = register(workers.worker(0), "mcp-shared-" + UUID.randomUUID());
            assertThat(workers.worker(0)
                            .post("/tasks/" + id + "/progress", "{\"completed_steps\":2}")
                            .status())
                    .isEqualTo(200);
            JsonNode viaRest = workers.worker(0).get("/tasks/" + id).json();

            for (int w = 1; w < WORKERS; w++) {
                CallToolResult result = getTaskStatus(clients.get(w), id);

                assertThat(result.isError()).as("worker %d: %s", w + 1, result).isFalse();
                assertThat((JsonNode) JSON.valueToTree(result.structuredContent()))
                        .as("worker %d", w + 1)
                        .isEqualTo(viaRest);
                assertThat(text(result)).contains(id).contains("2 of 4 steps");
            }
        }

        @Test
        void tasksResultWaitingOnWorker3_answersWhenWorker1CompletesTheTask() throws Exception {
            String id = register(workers.worker(0), "mcp-result-" + UUID.randomUUID());
            double subscriptionsBefore = metric(workers.worker(2), "taskregistry_feed_subscriptions");

            CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(() -> workers.worker(2)
                    .post(
                            "/mcp",
                            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tasks/result\",\"params\":{\"taskId\":\"" + id
                                    + "\"}}"));
            // Worker 3 waits on its change feed: only then is the completion a change it must hear of.
            Awaitility.await()
                    .atMost(PATIENCE)
                    .until(() -> waiting.isDone()
                            || metric(workers.worker(2), "taskregistry_feed_subscriptions") > subscriptionsBefore);
            assertThat(waiting)
                    .as("tasks/result answered before the task ended: %s", waiting.getNow(null))
                    .isNotDone();
            assertThat(workers.worker(0)
                            .post("/tasks/" + id + "/complete", "{\"result\":{\"score\":0.71}}")
                            .status())
                    .isEqualTo(200);

            ApiResponse answer = waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode message = answer.json();
            assertThat(message.get("id").asInt()).isEqualTo(3);
            assertThat(message.has("error")).as(answer.toString()).isFalse();
            JsonNode callToolResult = message.get("result");
            assertThat(callToolResult.get("isError").asBoolean()).isFalse();
            assertThat(callToolResult.get("structuredContent").get("task_id").asText())
                    .isEqualTo(id);
            assertThat(callToolResult
                            .get("structuredContent")
                            .get("result")
                            .get("score")
                            .asDouble())
                    .isEqualTo(0.71);
            assertThat(callToolResult.get("content").get(0).get("text").asText())
                    .contains("completed");
        }
    }

    /** 4 workers each with its own in-memory store (TASKREGISTRY_STORE unset): the original's bug over MCP. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithInMemoryStores {

        private static final int TASKS = 8;

        private WorkerProcesses workers;
        private List<McpSyncClient> clients = List.of();

        @BeforeAll
        void start() {
            // JUnit runs stop() also when this fails: it stops whatever has started.
            workers = WorkerProcesses.start("mcp-inmemory", WORKERS, Map.of());
            clients = connectAll(workers);
        }

        @AfterAll
        void stop() {
            try {
                closeAll(new ArrayList<>(clients));
            } finally {
                if (workers != null) {
                    workers.close();
                }
            }
        }

        @Test
        void eachTaskRegisteredRoundRobin_isFoundByGetTaskStatusOnExactlyItsCreator() {
            List<String> ids = new ArrayList<>();
            for (int t = 0; t < TASKS; t++) {
                ids.add(register(workers.worker(t % WORKERS), "mcp-local-" + t + "-" + UUID.randomUUID()));
            }

            int found = 0;
            for (int t = 0; t < TASKS; t++) {
                for (int w = 0; w < WORKERS; w++) {
                    CallToolResult result = getTaskStatus(clients.get(w), ids.get(t));
                    boolean isCreator = w == t % WORKERS;
                    assertThat(result.isError())
                            .as("task %d on worker %d: %s", t, w + 1, result)
                            .isEqualTo(!isCreator);
                    if (isCreator) {
                        found++;
                        assertThat((JsonNode) JSON.valueToTree(result.structuredContent()))
                                .isEqualTo(workers.worker(w)
                                        .get("/tasks/" + ids.get(t))
                                        .json());
                    } else {
                        assertThat(text(result)).contains("'" + ids.get(t) + "' was not found");
                    }
                }
            }
            assertThat(100.0 * found / (TASKS * WORKERS)).isEqualTo(25.0);
        }
    }

    /** The sum of a metric's series in a worker's Prometheus text, whatever their tags. */
    private static double metric(ApiClient worker, String name) {
        ApiResponse metrics = worker.get("/metrics");
        assertThat(metrics.status()).as("GET /metrics").isEqualTo(200);
        double sum = 0;
        boolean seen = false;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                seen = true;
            }
        }
        assertThat(seen).as("%s among the metrics", name).isTrue();
        return sum;
    }
}
