package dev.taskregistry.adapters.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Checks that a parsed body is one well-formed JSON-RPC 2.0 message before the SDK sees it, so that every shape
 * a client can get wrong is answered with its error code and a message naming what is wrong.
 */
final class JsonRpcShape {

    /** Far above any id a client makes up (a UUID is 36), far below what could hurt. */
    static final int MAX_ID_LENGTH = 256;

    private JsonRpcShape() {}

    /** The error answer for a malformed message, or empty when it is well-formed. */
    static Optional<ObjectNode> problemOf(JsonNode message) {
        if (message.isArray()) {
            return invalid(null, "batches are not supported: send one JSON-RPC message per request");
        }
        if (!message.isObject()) {
            return invalid(null, "a JSON-RPC message must be an object, was " + kindOf(message));
        }
        JsonNode id = message.get("id");
        Optional<String> badId = id == null ? Optional.empty() : problemOfId(id);
        if (badId.isPresent()) {
            return invalid(null, badId.get());
        }
        JsonNode answerId = id;
        JsonNode version = message.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
            return invalid(answerId, "'jsonrpc' must be \"2.0\"");
        }
        JsonNode method = message.get("method");
        if (method == null) {
            boolean isResponse = id != null && (message.has("result") || message.has("error"));
            return isResponse ? Optional.empty() : invalid(answerId, "'method' is required (a string)");
        }
        if (!method.isTextual() || method.asText().isEmpty()) {
            return invalid(answerId, "'method' must be a non-empty string, was " + kindOf(method));
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isObject() && id != null) {
            return Optional.of(JsonRpc.error(
                    answerId, JsonRpc.INVALID_PARAMS, "'params' must be an object, was " + kindOf(params)));
        }
        return id == null
                ? Optional.empty()
                : problemOfParams(method.asText(), params)
                        .map(problem -> JsonRpc.error(answerId, JsonRpc.INVALID_PARAMS, problem));
    }

    /**
     * The params the SDK reads into its own types, checked first: a wrong type there would otherwise fail in its
     * conversion (an internal error) or be taken for something else (an unknown tool named "invalid_tool_name").
     */
    private static Optional<String> problemOfParams(String method, JsonNode params) {
        return switch (method) {
            case "tools/call" -> {
                JsonNode name = params == null ? null : params.get("name");
                JsonNode arguments = params == null ? null : params.get("arguments");
                if (name == null || !name.isTextual() || name.asText().isEmpty()) {
                    yield Optional.of("'name' is required: the tool's name, a string"
                            + (name == null ? "" : ", was " + kindOf(name)));
                }
                if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
                    yield Optional.of("'arguments' must be an object, was " + kindOf(arguments));
                }
                yield Optional.empty();
            }
            case "initialize" -> {
                JsonNode version = params == null ? null : params.get("protocolVersion");
                yield version == null || !version.isTextual()
                        ? Optional.of("'protocolVersion' is required: a string such as \"2025-11-25\""
                                + (version == null ? "" : ", was " + kindOf(version)))
                        : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private static Optional<String> problemOfId(JsonNode id) {
        boolean fits = (id.isTextual() && id.asText().length() <= MAX_ID_LENGTH)
                || (id.isIntegralNumber() && id.canConvertToLong());
        return fits
                ? Optional.empty()
                : Optional.of("'id' must be a string of at most " + MAX_ID_LENGTH
                        + " characters or an integer that fits 64 bits, was " + kindOf(id));
    }

    private static Optional<ObjectNode> invalid(JsonNode id, String message) {
        return Optional.of(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, message));
    }

    /** What a value is, for a message; never the value itself, which may be huge. */
    static String kindOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING ->
                value.asText().length() > MAX_ID_LENGTH
                        ? "a string of " + value.asText().length() + " characters"
                        : "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "not a JSON value";
        };
    }
}
