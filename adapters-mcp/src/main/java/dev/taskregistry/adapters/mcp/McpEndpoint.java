package dev.taskregistry.adapters.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.adapters.mcp.tasks.McpTaskMethods;
import dev.taskregistry.adapters.mcp.tools.RegistryTools;
import dev.taskregistry.application.TaskUseCases;
import dev.taskregistry.application.feed.FeedUseCases;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /mcp}: the registry as an MCP server over Streamable HTTP, stateless (no {@code Mcp-Session-Id} is
 * ever issued, so any worker answers any call), answering JSON. A browser's {@code Origin} must be allowed
 * ({@code taskregistry.mcp.allowed-origins}, else 403); an {@code MCP-Protocol-Version} this server does not
 * speak is 400. The bearer token, the body size limit and the answer to other methods (405) are the API's.
 */
@Tag(name = "mcp")
@Path("/mcp")
@ApplicationScoped
public class McpEndpoint {

    static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";
    private static final int LONGEST_ECHO = 100;

    private final McpSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final StatelessMcpTransport transport;
    private final McpStatelessSyncServer server;

    @Inject
    public McpEndpoint(TaskUseCases useCases, FeedUseCases feed, McpSettings settings) {
        this.settings = settings;
        McpJsonMapper mcpJson = new JacksonMcpJsonMapper(json);
        this.transport = new StatelessMcpTransport(json, mcpJson, new McpTaskMethods(useCases, feed, settings, json));
        this.server = McpServer.sync(transport)
                .jsonMapper(mcpJson)
                .serverInfo("task-registry", version())
                .instructions("A task registry shared by every worker: get-task-status reads a task by id;"
                        + " list-tasks and task-stats survey them; the tasks utility (tasks/get, tasks/list,"
                        + " tasks/cancel, tasks/result) follows them.")
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                // The tools check their own arguments, with messages that name the argument as the client sent it.
                .validateToolInputs(false)
                // A tool runs on the request's own (virtual) thread, which waits for it anyway, rather than being
                // handed to Reactor's bounded-elastic pool and waited for: a thread hop per call, and on the
                // in-memory store most of the MCP call's cost over GET /tasks/{id} (docs/BENCHMARKS.md).
                .immediateExecution(true)
                .tools(new RegistryTools(useCases, mcpJson, json).specifications())
                .build();
    }

    @RequestBody(
            required = true,
            description = "One JSON-RPC 2.0 message (no batches)",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(
            responseCode = "200",
            description = "The JSON-RPC response to a request (a result, or an error with the request's id)",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "202", description = "A notification (or a client's response), accepted; no body")
    @APIResponse(
            responseCode = "400",
            description = "Not one readable JSON-RPC message (-32700, -32600), or an unsupported MCP-Protocol-Version",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(
            responseCode = "403",
            description = "A browser Origin that taskregistry.mcp.allowed-origins does not list",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "500", ref = "InternalError")
    @Operation(
            summary = "MCP over Streamable HTTP, stateless",
            description = "Tools get-task-status, list-tasks, task-stats; the tasks utility (tasks/get, tasks/list,"
                    + " tasks/cancel, tasks/result). No session: any worker answers any call.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(
            String body,
            @HeaderParam("Origin") String origin,
            @HeaderParam(PROTOCOL_VERSION_HEADER) String protocolVersion) {
        if (origin != null && !settings.allowedOrigins().contains(origin)) {
            return refuse(
                    Response.Status.FORBIDDEN,
                    "Origin '" + shortened(origin) + "' may not call this server: it is not in"
                            + " taskregistry.mcp.allowed-origins");
        }
        if (protocolVersion != null && !StatelessMcpTransport.PROTOCOL_VERSIONS.contains(protocolVersion)) {
            return refuse(
                    Response.Status.BAD_REQUEST,
                    PROTOCOL_VERSION_HEADER + " '" + shortened(protocolVersion) + "' is not supported; this server"
                            + " speaks " + String.join(", ", StatelessMcpTransport.PROTOCOL_VERSIONS));
        }
        McpAnswer answer = transport.answer(body);
        Response.ResponseBuilder response = Response.status(answer.status());
        answer.body().ifPresent(json -> response.entity(text(json)).type(MediaType.APPLICATION_JSON_TYPE));
        return response.build();
    }

    @PreDestroy
    void close() {
        server.close();
    }

    private Response refuse(Response.Status status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(text(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, message)))
                .build();
    }

    private String text(Object node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer did not serialize", e);
        }
    }

    /** Client text in a message: cut short, so a huge header is not echoed; JSON escapes the rest. */
    private static String shortened(String text) {
        return text.length() <= LONGEST_ECHO ? text : text.substring(0, LONGEST_ECHO) + "...";
    }

    private static String version() {
        return Optional.ofNullable(McpEndpoint.class.getPackage().getImplementationVersion())
                .orElse("development");
    }
}
