package dev.taskregistry.bootstrap.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;

/** The official MCP Java SDK client, pointed at a service's {@code /mcp}, initialized. Close it after use. */
final class McpClients {

    private McpClients() {}

    static McpSyncClient connect(String baseUrl) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint("/mcp")
                .build();
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("task-registry-tests", "1"))
                .build();
        client.initialize();
        return client;
    }
}
