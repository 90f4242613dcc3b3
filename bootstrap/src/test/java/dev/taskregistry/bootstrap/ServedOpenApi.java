package dev.taskregistry.bootstrap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The OpenAPI document the tested service serves at {@code /openapi}, and the check of an answer
 * against it with Atlassian's validator: status, headers, content type and body of the operation
 * the request's method and path name. Answers for a path or method the document does not have are
 * the generic 404 and 405 problems it describes in its components, or under {@code /tasks} and
 * {@code /stats} its 401 problem (the token is checked before routing).
 */
public final class ServedOpenApi {

    private static final String PATH_MISSING = "validation.request.path.missing";
    private static final String METHOD_NOT_ALLOWED = "validation.request.operation.notAllowed";
    private static final String PROBLEM = "application/problem+json";
    private static final Map<String, ServedOpenApi> SERVED = new ConcurrentHashMap<>();

    private final String text;
    private final OpenAPI model;
    private final OpenApiInteractionValidator validator;

    private ServedOpenApi(String text, OpenAPI model) {
        this.text = text;
        this.model = model;
        this.validator = OpenApiInteractionValidator.createFor(model).build();
    }

    /** The document of the service that {@code client} talks to, read once per base URL: each test class starts its own. */
    public static ServedOpenApi of(ApiClient client) {
        return SERVED.computeIfAbsent(client.baseUrl(), url -> fetchFrom(client));
    }

    /** Reads the document (YAML, the default format) from the service that {@code client} talks to. */
    public static ServedOpenApi fetchFrom(ApiClient client) {
        ApiResponse served = client.get("/openapi");
        if (served.status() != 200) {
            throw new AssertionError("GET /openapi answered " + served);
        }
        return parse(served.body());
    }

    /** Parses a document and fails on anything the parser reports: unresolved references, invalid fields. */
    public static ServedOpenApi parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        if (parsed.getOpenAPI() == null || !parsed.getMessages().isEmpty()) {
            throw new AssertionError("the served OpenAPI document does not parse cleanly: " + parsed.getMessages());
        }
        return new ServedOpenApi(document, parsed.getOpenAPI());
    }

    public String text() {
        return text;
    }

    public OpenAPI model() {
        return model;
    }

    /** Fails, quoting the validator's report, unless the answer is one the document describes. */
    public void check(String method, String pathAndQuery, ApiResponse response) {
        String path = pathAndQuery.split("\\?", 2)[0];
        ValidationReport report = validator.validateResponse(
                path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), toValidatorResponse(response));
        List<String> keys = report.getMessages().stream()
                .map(ValidationReport.Message::getKey)
                .toList();
        if (keys.equals(List.of(PATH_MISSING)) || keys.equals(List.of(METHOD_NOT_ALLOWED))) {
            // The bearer token is checked before routing: any method on any path under /tasks, /events and /stats may
            // be 401.
            report = response.status() == 401 && isProtected(path)
                    ? genericProblem("Unauthorized", 401, response)
                    : keys.equals(List.of(PATH_MISSING))
                            ? genericProblem("NoSuchPath", 404, response)
                            : genericProblem("MethodNotAllowed", 405, response);
        }
        if (report.hasErrors()) {
            throw new AssertionError(method + " " + pathAndQuery + " answered " + response + " " + response.headers()
                    + ", which the served OpenAPI document does not describe:\n" + describe(report));
        }
    }

    private static boolean isProtected(String path) {
        return path.equals("/tasks")
                || path.startsWith("/tasks/")
                || path.equals("/events")
                || path.startsWith("/events/")
                || path.equals("/stats")
                || path.startsWith("/stats/");
    }

    private ValidationReport genericProblem(String responseName, int status, ApiResponse response) {
        MessageResolver messages = new MessageResolver();
        if (response.status() != status
                || response.header("Content-Type") == null
                || !response.header("Content-Type").startsWith(PROBLEM)) {
            return ValidationReport.singleton(messages.create(
                    "generic." + responseName,
                    "an undocumented path or method must answer " + status + " " + PROBLEM + " (" + responseName
                            + ")"));
        }
        if (response.body().isEmpty() && response.header("Content-Length") != null) {
            return ValidationReport.empty(); // a HEAD answer: the headers of the problem, no body
        }
        Schema<?> schema = model.getComponents()
                .getResponses()
                .get(responseName)
                .getContent()
                .get(PROBLEM)
                .getSchema();
        return new SchemaValidator(model, messages).validate(response.body(), schema, "response.body");
    }

    private static SimpleResponse toValidatorResponse(ApiResponse response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.status());
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            builder.withHeader(header.getKey(), header.getValue());
        }
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        return builder.build();
    }

    private static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .map(message -> "  " + message.getLevel() + " " + message.getKey() + ": " + message.getMessage()
                        + (message.getAdditionalInfo().isEmpty() ? "" : " " + message.getAdditionalInfo()))
                .collect(Collectors.joining("\n"));
    }
}
