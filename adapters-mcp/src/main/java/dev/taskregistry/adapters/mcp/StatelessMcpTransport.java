package dev.taskregistry.adapters.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskregistry.adapters.mcp.tasks.McpTaskMethods;
import dev.taskregistry.adapters.mcp.tasks.TasksCapability;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * A stateless MCP transport: each POST body is one JSON-RPC message, answered in the same HTTP response, and
 * nothing is kept between messages (no session), so any worker answers any call. The SDK's own transports are
 * servlets, which Helidon does not run. Malformed messages are answered here with their JSON-RPC error; the
 * tasks utility by {@link McpTaskMethods}; everything else by the SDK's server.
 */
public final class StatelessMcpTransport implements McpStatelessServerTransport {

    /** Newest first, as the SDK negotiates. */
    static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");

    private final ObjectMapper json;
    private final McpJsonMapper mcpJson;
    private final McpTaskMethods tasks;
    private volatile McpStatelessServerHandler handler;

    public StatelessMcpTransport(ObjectMapper json, McpJsonMapper mcpJson, McpTaskMethods tasks) {
        this.json = json;
        this.mcpJson = mcpJson;
        this.tasks = tasks;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    @Override
    public List<String> protocolVersions() {
        return PROTOCOL_VERSIONS;
    }

    /** The answer to one POSTed body. */
    public McpAnswer answer(String body) {
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (JsonProcessingException e) {
            return McpAnswer.rejected(JsonRpc.error(
                    null,
                    JsonRpc.PARSE_ERROR,
                    "the body is not JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        }
        if (message == null || message.isMissingNode()) {
            return McpAnswer.rejected(
                    JsonRpc.error(null, JsonRpc.PARSE_ERROR, "the body is empty: send a JSON-RPC message"));
        }
        Optional<ObjectNode> malformed = JsonRpcShape.problemOf(message);
        if (malformed.isPresent()) {
            // With an id the client can match, the error is the request's answer; without one, the request's
            // refusal.
            return malformed.get().get("id").isNull()
                    ? McpAnswer.rejected(malformed.get())
                    : McpAnswer.answered(malformed.get());
        }
        if (!message.has("method")) {
            // A client's response to a server request: this server sends none, so there is nothing to match.
            return McpAnswer.accepted();
        }
        if (!message.has("id")) {
            handler.handleNotification(McpTransportContext.EMPTY, convert(message, McpSchema.JSONRPCNotification.class))
                    .block();
            return McpAnswer.accepted();
        }
        return McpAnswer.answered(request(message));
    }

    /** A JSON tree, or the SDK's own response, which is written as it is (a tree of it costs a copy per call). */
    private Object request(JsonNode message) {
        String method = message.get("method").asText();
        JsonNode id = message.get("id");
        if (McpTaskMethods.METHODS.contains(method)) {
            McpTaskMethods.Answer answer = tasks.answer(method, message.get("params"));
            return answer.isError()
                    ? JsonRpc.error(id, answer.errorCode(), answer.errorMessage())
                    : JsonRpc.result(id, answer.result());
        }
        McpSchema.JSONRPCResponse response = handler.handleRequest(
                        McpTransportContext.EMPTY, convert(message, McpSchema.JSONRPCRequest.class))
                .block();
        if (!method.equals(McpSchema.METHOD_INITIALIZE)) {
            return response;
        }
        ObjectNode answer = json.valueToTree(response);
        if (answer.get("result") instanceof ObjectNode result) {
            TasksCapability.announceIn(result);
        }
        return answer;
    }

    /** The parsed message as the SDK's type, from the tree itself (not written out and parsed a second time). */
    private <T> T convert(JsonNode message, Class<T> type) {
        try {
            return mcpJson.convertValue(message, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a checked JSON-RPC message did not convert: " + e.getMessage(), e);
        }
    }
}
