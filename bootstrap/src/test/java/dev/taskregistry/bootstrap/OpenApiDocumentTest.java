package dev.taskregistry.bootstrap;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.adapters.rest.StatsResource;
import dev.taskregistry.adapters.rest.TaskResource;
import dev.taskregistry.adapters.rest.events.RegistryEventsResource;
import dev.taskregistry.adapters.rest.events.TaskEventsResource;
import dev.taskregistry.adapters.rest.model.FieldPatterns;
import dev.taskregistry.adapters.rest.model.WireNames;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the served OpenAPI document declares: every status each operation can answer, the shapes and
 * headers of the answers, the security scheme, the operations endpoints, and both formats. The API
 * contract tests check every answer against the same document (ServedOpenApi).
 */
@HelidonTest
class OpenApiDocumentTest {

    /** What every task operation can answer besides its own statuses: bad input, token, Accept, size, failure, outage. */
    private static final Set<String> EVERY_TASK_OPERATION = Set.of("400", "401", "406", "413", "500", "503");
    /** Each operation's own statuses (DESIGN.md §5); 409 on changes also when every retry lost a race. */
    private static final Map<String, Set<String>> OWN_STATUSES = Map.ofEntries(
            entry("POST /tasks", Set.of("201", "409", "415")),
            entry("GET /tasks", Set.of("200")),
            entry("GET /tasks/{id}", Set.of("200", "404")),
            entry("POST /tasks/{id}/start", Set.of("200", "404", "409", "412")),
            entry("POST /tasks/{id}/progress", Set.of("200", "404", "409", "412", "415")),
            entry("POST /tasks/{id}/complete", Set.of("200", "404", "409", "412", "415")),
            entry("POST /tasks/{id}/fail", Set.of("200", "404", "409", "412", "415")),
            entry("POST /tasks/{id}/cancel", Set.of("200", "404", "409", "412")),
            entry("PUT /tasks/{id}/ttl", Set.of("200", "404", "409", "412", "415")),
            entry("DELETE /tasks/{id}", Set.of("204", "404", "412")));
    /** The event streams: bad Last-Event-ID or filter, token, Accept, failure, outage or too many subscribers. */
    private static final Map<String, Set<String>> STREAM_STATUSES = Map.of(
            "GET /tasks/{id}/events", Set.of("200", "400", "401", "404", "406", "500", "503"),
            "GET /events", Set.of("200", "400", "401", "406", "500", "503"));

    private static final Set<String> STATS_STATUSES = Set.of("200", "401", "406", "413", "500", "503");
    private static final Set<String> OPERATIONS_ENDPOINTS = Set.of(
            "GET /health",
            "GET /health/live",
            "GET /health/ready",
            "GET /health/started",
            "GET /metrics",
            "GET /openapi");
    private static final Set<String> NULLABLE_TASK_FIELDS =
            Set.of("estimated_completion", "started_at", "completed_at", "query", "total_steps", "result", "error");

    private ApiClient api;
    private OpenAPI document;

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();
        document = ServedOpenApi.of(api).model();
    }

    @Test
    void theDocument_describesEveryResourceMethod_andTheOperationsEndpoints_andNothingElse() {
        Set<String> expected = new TreeSet<>(OWN_STATUSES.keySet());
        expected.add("GET /stats");
        expected.addAll(STREAM_STATUSES.keySet());
        assertThat(resourceMethods(
                        TaskResource.class,
                        StatsResource.class,
                        TaskEventsResource.class,
                        RegistryEventsResource.class))
                .as("the JAX-RS methods")
                .isEqualTo(expected);
        expected.addAll(OPERATIONS_ENDPOINTS);

        assertThat(operations().keySet()).isEqualTo(expected);
    }

    @Test
    void everyTaskOperation_declaresEachStatusItCanAnswer() {
        OWN_STATUSES.forEach((operation, own) -> {
            Set<String> expected = new TreeSet<>(own);
            expected.addAll(EVERY_TASK_OPERATION);
            assertThat(operation(operation).getResponses().keySet())
                    .as(operation)
                    .containsExactlyInAnyOrderElementsOf(expected);
        });
        assertThat(operation("GET /stats").getResponses().keySet()).containsExactlyInAnyOrderElementsOf(STATS_STATUSES);
        STREAM_STATUSES.forEach((operation, statuses) -> assertThat(
                        operation(operation).getResponses().keySet())
                .as(operation)
                .containsExactlyInAnyOrderElementsOf(statuses));
    }

    @Test
    void theEventStreams_answerTextEventStream_andTakeLastEventId() {
        STREAM_STATUSES.keySet().forEach(name -> {
            assertThat(operation(name).getResponses().get("200").getContent().keySet())
                    .as(name)
                    .containsExactly("text/event-stream");
            assertThat(operation(name).getParameters()).as(name).anySatisfy(parameter -> {
                assertThat(parameter.getName()).isEqualTo("Last-Event-ID");
                assertThat(parameter.getIn()).isEqualTo("header");
            });
        });
        assertThat(operation("GET /tasks/{id}").getParameters())
                .extracting(Parameter::getName)
                .contains("wait", "after_version");
    }

    @Test
    void everyErrorAnswer_isAProblem_andUnauthorizedAndUnavailableCarryTheirHeaders() {
        operations().forEach((name, operation) -> {
            if (OPERATIONS_ENDPOINTS.contains(name)) {
                return;
            }
            operation.getResponses().forEach((status, declared) -> {
                io.swagger.v3.oas.models.responses.ApiResponse response = resolve(declared);
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(response.getContent().keySet())
                            .as(name + " " + status)
                            .containsExactly("application/problem+json");
                    assertThat(response.getContent()
                                    .get("application/problem+json")
                                    .getSchema()
                                    .get$ref())
                            .isEqualTo("#/components/schemas/Problem");
                }
            });
            assertRequiredHeader(resolve(operation.getResponses().get("401")), "WWW-Authenticate");
            assertRequiredHeader(resolve(operation.getResponses().get("503")), "Retry-After");
        });
        Schema<?> problem = schema("Problem");
        assertThat(problem.getProperties().keySet())
                .containsExactly("type", "title", "status", "detail", "instance", "field");
        assertThat(problem.getRequired()).containsExactlyInAnyOrder("type", "title", "status", "detail");
        assertThat(document.getComponents().getResponses()).containsKeys("NoSuchPath", "MethodNotAllowed");
    }

    @Test
    void everyTaskAnswer_carriesItsETag_theTask_andRegistrationItsLocation() {
        OWN_STATUSES.forEach((name, own) -> own.stream()
                .filter(status -> status.startsWith("2") && !status.equals("204"))
                .forEach(status -> {
                    io.swagger.v3.oas.models.responses.ApiResponse response =
                            resolve(operation(name).getResponses().get(status));
                    String schema = response.getContent()
                            .get("application/json")
                            .getSchema()
                            .get$ref();
                    if (name.equals("GET /tasks")) {
                        assertThat(schema).isEqualTo("#/components/schemas/TaskPage");
                    } else {
                        assertThat(schema).as(name).isEqualTo("#/components/schemas/Task");
                        assertRequiredHeader(response, "ETag");
                    }
                }));
        assertRequiredHeader(operation("POST /tasks").getResponses().get("201"), "Location");
        assertThat(operation("DELETE /tasks/{id}").getResponses().get("204").getContent())
                .isNull();
    }

    @Test
    void theBearerToken_isDeclaredForTasksAndStats_andTheOperationsEndpointsStayOpen() {
        SecurityScheme scheme = document.getComponents().getSecuritySchemes().get("bearerToken");
        assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(scheme.getScheme()).isEqualTo("bearer");
        assertThat(document.getSecurity())
                .as("the token, or none when taskregistry.api.token is unset")
                .containsExactlyInAnyOrder(new SecurityRequirement().addList("bearerToken"), new SecurityRequirement());

        operations().forEach((name, operation) -> {
            if (OPERATIONS_ENDPOINTS.contains(name)) {
                assertThat(operation.getSecurity()).as(name).isEmpty();
            } else {
                assertThat(operation.getSecurity())
                        .as(name + " inherits the document's security")
                        .isNull();
            }
        });
    }

    @Test
    @SuppressWarnings("rawtypes") // swagger-models types a schema's properties as Map<String, Schema>, raw
    void aTask_requiresEveryField_andMarksExactlyTheNullableOnes() {
        Schema<?> task = schema("Task");

        assertThat(task.getRequired())
                .containsExactlyInAnyOrderElementsOf(task.getProperties().keySet());
        assertThat(task.getProperties()).hasSize(17);
        assertThat(task.getAdditionalProperties()).isEqualTo(false);
        Set<String> nullable = task.getProperties().entrySet().stream()
                .filter(property -> Boolean.TRUE.equals(property.getValue().getNullable()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(nullable).isEqualTo(NULLABLE_TASK_FIELDS);
        assertThat(task.getProperties().get("result").getType())
                .as("any JSON value")
                .isNull();
        assertThat(schema("TaskPage").getProperties().get("next_cursor").getNullable())
                .isTrue();
    }

    @Test
    void idTypeAndStatus_areDescribedAsTheDomainEnforcesThem() {
        String idPattern = schema("TaskId").getPattern();
        String typePattern = schema("TaskType").getPattern();
        assertThat(List.of(
                        idPattern,
                        property("Task", "id").getPattern(),
                        property("RegisterTask", "id").getPattern()))
                .containsOnly(FieldPatterns.TASK_ID);
        assertThat(List.of(
                        typePattern,
                        property("Task", "type").getPattern(),
                        property("RegisterTask", "type").getPattern()))
                .containsOnly(FieldPatterns.TASK_TYPE);
        for (String id : List.of(
                "a",
                "A-1.b_c",
                "9",
                "x".repeat(128),
                "x".repeat(129),
                "",
                "-a",
                ".a",
                "a:b",
                "a b",
                "a/b",
                "a*",
                "{a}",
                "é")) {
            assertThat(Pattern.matches(idPattern, id)).as("'" + id + "'").isEqualTo(accepted(() -> TaskId.of(id)));
        }
        for (String type :
                List.of("equity_analysis", "a.b-c", "9", "t".repeat(64), "t".repeat(65), "", "Upper", "a b", "a:b")) {
            assertThat(Pattern.matches(typePattern, type))
                    .as("'" + type + "'")
                    .isEqualTo(accepted(() -> TaskType.of(type)));
        }

        List<String> statuses =
                Arrays.stream(TaskStatus.values()).map(WireNames::statusName).toList();
        assertThat(schema("TaskStatus").getEnum()).isEqualTo(statuses);
        assertThat(property("Task", "status").getEnum()).isEqualTo(statuses);
        assertThat(property("Stats", "tasks_by_status").getProperties().keySet())
                .containsExactlyElementsOf(statuses);
    }

    @Test
    void theListing_takesAnIntegerLimitFrom1To1000_andAStatusFromTheEnum() {
        Map<String, Parameter> parameters = operation("GET /tasks").getParameters().stream()
                .collect(Collectors.toMap(Parameter::getName, parameter -> parameter));

        assertThat(parameters.keySet()).containsExactlyInAnyOrder("status", "type", "limit", "cursor");
        Schema<?> limit = parameters.get("limit").getSchema();
        assertThat(limit.getType()).isEqualTo("integer");
        assertThat(limit.getMinimum()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(limit.getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(1000));
        assertThat(limit.getDefault()).isEqualTo(50);
        assertThat(parameters.get("status").getSchema().get$ref()).isEqualTo("#/components/schemas/TaskStatus");
        assertThat(parameters.get("type").getSchema().get$ref()).isEqualTo("#/components/schemas/TaskType");
        assertThat(operation("GET /tasks/{id}")
                        .getParameters()
                        .get(0)
                        .getSchema()
                        .get$ref())
                .isEqualTo("#/components/schemas/TaskId");
    }

    @Test
    void theDocument_namesTheServiceAndTheProjectVersion() {
        assertThat(document.getInfo().getTitle()).isEqualTo("Task Registry");
        assertThat(document.getInfo().getVersion())
                .isEqualTo(System.getProperty("project.version"))
                .isNotBlank();
    }

    @Test
    void theDocument_isYamlByDefault_andJsonWithFormatJsonOrAcceptJson() throws IOException {
        ApiResponse yaml = api.get("/openapi");
        ApiResponse formatJson = api.get("/openapi?format=JSON");
        ApiResponse acceptJson = api.get("/openapi", "Accept", "application/json");

        assertThat(yaml.header("Content-Type")).startsWith("application/vnd.oai.openapi");
        assertThat(yaml.body()).contains("openapi: 3.0.3").doesNotStartWith("{");
        for (ApiResponse json : List.of(formatJson, acceptJson)) {
            assertThat(json.status()).isEqualTo(200);
            assertThat(json.header("Content-Type")).startsWith("application/json");
            assertThat(new ObjectMapper().readTree(json.body()).get("openapi").asText())
                    .isEqualTo("3.0.3");
            assertThat(ServedOpenApi.parse(json.body()).model())
                    .as("the same document")
                    .isEqualTo(document);
        }
    }

    private Map<String, Operation> operations() {
        Map<String, Operation> operations = new HashMap<>();
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> operations.put(method + " " + path, operation)));
        return operations;
    }

    private Operation operation(String methodAndPath) {
        String[] parts = methodAndPath.split(" ", 2);
        PathItem item = document.getPaths().get(parts[1]);
        assertThat(item).as(methodAndPath).isNotNull();
        return item.readOperationsMap().get(PathItem.HttpMethod.valueOf(parts[0]));
    }

    private io.swagger.v3.oas.models.responses.ApiResponse resolve(
            io.swagger.v3.oas.models.responses.ApiResponse response) {
        String ref = response.get$ref();
        return ref == null
                ? response
                : document.getComponents().getResponses().get(ref.substring("#/components/responses/".length()));
    }

    private Schema<?> schema(String name) {
        return document.getComponents().getSchemas().get(name);
    }

    private Schema<?> property(String schema, String property) {
        return (Schema<?>) schema(schema).getProperties().get(property);
    }

    private static void assertRequiredHeader(io.swagger.v3.oas.models.responses.ApiResponse response, String header) {
        assertThat(response.getHeaders()).as(response.getDescription()).containsKey(header);
        assertThat(response.getHeaders().get(header).getRequired()).as(header).isTrue();
    }

    private static Set<String> resourceMethods(Class<?>... resources) {
        Set<String> methods = new TreeSet<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                Stream.of(GET.class, POST.class, PUT.class, DELETE.class)
                        .filter(method::isAnnotationPresent)
                        .forEach(verb -> {
                            Path path = method.getAnnotation(Path.class);
                            methods.add(verb.getSimpleName() + " " + base + (path == null ? "" : "/" + path.value()));
                        });
            }
        }
        return methods;
    }

    private static boolean accepted(Runnable construction) {
        try {
            construction.run();
            return true;
        } catch (InvalidTaskField rejected) {
            return false;
        }
    }
}
