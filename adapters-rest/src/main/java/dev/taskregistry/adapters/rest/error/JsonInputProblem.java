package dev.taskregistry.adapters.rest.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The 400 answer to a body that is not valid JSON or does not fit the request's shape: it names the
 * field and never echoes Jackson's internals (class names, source excerpts).
 */
final class JsonInputProblem {

    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.{0,200})'");

    private JsonInputProblem() {}

    static Response of(JsonProcessingException error, UriInfo uriInfo) {
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLarge tooLarge) {
                return Problem.of(
                                Response.Status.REQUEST_ENTITY_TOO_LARGE,
                                "payload-too-large",
                                tooLarge.getMessage(),
                                RequestPath.of(uriInfo),
                                "body")
                        .toResponse()
                        .build();
            }
        }
        String field = error instanceof JsonMappingException mapping ? fieldOf(mapping) : duplicateKeyOf(error);
        if (field == null) {
            field = "body";
        }
        return Problem.of(
                        Response.Status.BAD_REQUEST,
                        "invalid-json",
                        describe(error, field),
                        RequestPath.of(uriInfo),
                        field)
                .toResponse()
                .build();
    }

    private static String describe(JsonProcessingException error, String field) {
        if (duplicateKeyOf(error) != null) {
            return "'" + field + "' appears more than once in the body; send each field once";
        }
        if (error instanceof JsonParseException) {
            return "the body is not valid JSON (line " + error.getLocation().getLineNr() + ", column "
                    + error.getLocation().getColumnNr() + ")";
        }
        if (error instanceof UnrecognizedPropertyException unknown) {
            return "'" + field + "' is not a known field; known fields: "
                    + unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .collect(Collectors.joining(", "));
        }
        if (field.equals("body")) {
            return "the body must be a JSON object";
        }
        InputCoercionException outOfRange = causeOf(error, InputCoercionException.class);
        if (outOfRange != null && outOfRange.getTargetType() != null) {
            return "'" + field + "' must be " + expected(outOfRange.getTargetType())
                    + "; the value is out of that range";
        }
        if (error instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String was = error instanceof InvalidFormatException format ? ", was " + format.getValue() : "";
            return "'" + field + "' must be " + expected(mismatch.getTargetType()) + was;
        }
        return "'" + field + "' has the wrong type or format";
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number from 0 to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-11-30T10:15:30Z";
        }
        return "of type " + type.getSimpleName();
    }

    /** The field named by a duplicate key, as Jackson's strict duplicate detection reports it. */
    private static String duplicateKeyOf(JsonProcessingException error) {
        Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(error.getOriginalMessage()));
        return duplicate.lookingAt() ? duplicate.group(1) : null;
    }

    private static <T extends Throwable> T causeOf(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String fieldOf(JsonMappingException error) {
        String path = error.getPath().stream()
                .map(reference ->
                        reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? null : path;
    }
}
