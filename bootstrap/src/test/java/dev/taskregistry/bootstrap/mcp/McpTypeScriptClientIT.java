package dev.taskregistry.bootstrap.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.bootstrap.workers.WorkerProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tasks utility of MCP 2025-11-25 through the official TypeScript SDK client ({@code Client},
 * {@code StreamableHTTPClientTransport}, {@code client.experimental.tasks}), which the Java SDK does not have yet:
 * {@code src/test/mcp-client/tasks-client.mjs} (its dependencies installed by {@code npm ci} in the build) runs
 * against one worker process and prints its verdict, which this test reads. Its output goes to
 * {@code target/mcp-client/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpTypeScriptClientIT {

    private static final Path CLIENT_DIR = Path.of("src", "test", "mcp-client");
    private static final Path OUTPUT_DIR = Path.of("target", "mcp-client");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkerProcesses workers;

    @BeforeAll
    void start() {
        // JUnit runs stop() also when this fails.
        workers = WorkerProcesses.start("mcp-ts", 1, Map.of());
    }

    @AfterAll
    void stop() {
        if (workers != null) {
            workers.close();
        }
    }

    @Test
    void theTypeScriptSdkClient_getsListsAwaitsAndCancelsTasks() throws Exception {
        assertThat(CLIENT_DIR.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))
                .as("the SDK installed by 'npm ci' in the build (exec-maven-plugin, pre-integration-test)")
                .isRegularFile();
        String working = "ts-working-" + UUID.randomUUID();
        ApiResponse created =
                workers.worker(0).post("/tasks", "{\"id\":\"" + working + "\",\"type\":\"report\",\"total_steps\":4}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(workers.worker(0)
                        .post("/tasks/" + working + "/progress", "{\"completed_steps\":1}")
                        .status())
                .isEqualTo(200);

        Files.createDirectories(OUTPUT_DIR);
        Path stdout = OUTPUT_DIR.resolve("tasks-client.out");
        Path stderr = OUTPUT_DIR.resolve("tasks-client.err");
        Process node = new ProcessBuilder(
                        "node", "tasks-client.mjs", workers.uri(0, "").toString(), working)
                .directory(CLIENT_DIR.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            boolean exited = node.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(exited)
                    .as("node tasks-client.mjs did not exit within %s; see %s", SCRIPT_TIMEOUT, stdout.toAbsolutePath())
                    .isTrue();
        } finally {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        JsonNode verdict = verdict(stdout, stderr);
        assertThat(verdict.get("failures"))
                .as("the script's failures (output in %s)", OUTPUT_DIR.toAbsolutePath())
                .isNull();
        assertThat(verdict.get("ok").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(node.exitValue()).as(verdict.toString()).isZero();
        assertThat(verdict.get("passed"))
                .extracting(JsonNode::asText)
                .contains(
                        "getTask.status",
                        "listTasks",
                        "getTaskResult.structuredContent",
                        "cancelTask.status",
                        "getTask after cancelTask",
                        "cancelTask of a terminal task",
                        "getTask of an unknown id");
        // The script left the working task as it was.
        assertThat(workers.worker(0)
                        .get("/tasks/" + working)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("running");
    }

    /** The script's last line of output, its JSON verdict. */
    private static JsonNode verdict(Path stdout, Path stderr) throws IOException {
        List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
        assertThat(lines)
                .as("no verdict from the script; its errors: %s", Files.readString(stderr, StandardCharsets.UTF_8))
                .isNotEmpty();
        return JSON.readTree(lines.getLast());
    }
}
