package dev.taskregistry.adapters.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;

/** JSON-RPC 2.0 answers as JSON trees, and the error codes this endpoint uses (the standard ones the SDK's). */
public final class JsonRpc {

    public static final int PARSE_ERROR = McpSchema.ErrorCodes.PARSE_ERROR;
    public static final int INVALID_REQUEST = McpSchema.ErrorCodes.INVALID_REQUEST;
    public static final int METHOD_NOT_FOUND = McpSchema.ErrorCodes.METHOD_NOT_FOUND;
    public static final int INVALID_PARAMS = McpSchema.ErrorCodes.INVALID_PARAMS;
    public static final int INTERNAL_ERROR = McpSchema.ErrorCodes.INTERNAL_ERROR;
    /** Server-defined: a {@code tasks/result} whose task has not ended within the wait; call it again. */
    public static final int STILL_WORKING = -32001;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpc() {}

    /** An error answer; {@code id} is the request's, or null when it had none that could be read. */
    public static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode answer = envelope(id);
        ObjectNode error = answer.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return answer;
    }

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode answer = envelope(id);
        answer.set("result", result);
        return answer;
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode answer = NODES.objectNode();
        answer.put("jsonrpc", "2.0");
        answer.set("id", id == null ? NODES.nullNode() : id);
        return answer;
    }
}
