package dev.taskregistry.adapters.mcp;

import java.util.Optional;

/**
 * The HTTP answer to one MCP message: 200 with the JSON-RPC response to a request, 202 without a body for a
 * notification (or a client's response), 400 with the JSON-RPC error of a message that could not be read (or
 * whose id could not be, so the client cannot match an answer to it).
 */
public record McpAnswer(int status, Optional<Object> body) {

    /** @param response a JSON tree, or an object Jackson writes as the response */
    static McpAnswer answered(Object response) {
        return new McpAnswer(200, Optional.of(response));
    }

    static McpAnswer accepted() {
        return new McpAnswer(202, Optional.empty());
    }

    static McpAnswer rejected(Object error) {
        return new McpAnswer(400, Optional.of(error));
    }
}
