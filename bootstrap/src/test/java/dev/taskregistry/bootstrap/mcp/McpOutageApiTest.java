package dev.taskregistry.bootstrap.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskregistry.bootstrap.ApiClient;
import dev.taskregistry.redis.testing.OwnRedisServerExtension;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import io.helidon.config.mp.MpConfigSources;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MCP endpoint while its Redis cannot be reached (paused): a tool answers that the store is unavailable
 * and to retry, never "not found"; the tasks utility answers -32603; both recover without a restart.
 */
@HelidonTest
class McpOutageApiTest {

    @RegisterExtension
    static final OwnRedisServerExtension ownRedis = new OwnRedisServerExtension();

    @AddConfigSource
    static ConfigSource redisStore() {
        return MpConfigSources.create(Map.of(
                "taskregistry.store",
                "redis",
                "taskregistry.redis.url",
                ownRedis.server().url(),
                "taskregistry.redis.key-prefix",
                TestRedis.uniquePrefix(),
                "taskregistry.redis.timeout",
                "PT1S"));
    }

    @Test
    void duringAnOutage_toolsSayUnavailableNotNotFound_andTheTasksUtilityAnswersInternalError() {
        ApiClient api = ApiClient.ofTestedService();
        assertThat(api.post("/tasks", "{\"id\":\"mcp-outage\",\"type\":\"report\"}")
                        .status())
                .isEqualTo(201);
        McpSyncClient mcp = McpClients.connect(api.baseUrlForTests());
        RedisServerProcess redis = ownRedis.server();
        try {
            redis.pause();
            try {
                CallToolResult result =
                        mcp.callTool(new CallToolRequest("get-task-status", Map.of("task_id", "mcp-outage")));
                String text = ((TextContent) result.content().getFirst()).text();
                assertThat(result.isError()).isTrue();
                assertThat(text).contains("unavailable").contains("Retry").doesNotContain("was not found");

                JsonNode tasksGet = api.post(
                                "/mcp",
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\",\"params\":{\"taskId\":\"mcp-outage\"}}")
                        .json();
                assertThat(tasksGet.get("error").get("code").asInt()).isEqualTo(-32603);
                assertThat(tasksGet.get("error").get("message").asText()).contains("unavailable");
            } finally {
                redis.resume();
            }
            CallToolResult after =
                    mcp.callTool(new CallToolRequest("get-task-status", Map.of("task_id", "mcp-outage")));
            assertThat(after.isError()).isFalse();
        } finally {
            mcp.closeGracefully();
        }
    }
}
