package dev.taskregistry.adapters.rest;

import dev.taskregistry.adapters.rest.error.InvalidInput;
import dev.taskregistry.adapters.rest.events.FeedStreamSettings;
import dev.taskregistry.adapters.rest.model.CompleteTaskRequest;
import dev.taskregistry.adapters.rest.model.FailTaskRequest;
import dev.taskregistry.adapters.rest.model.RegisterTaskRequest;
import dev.taskregistry.adapters.rest.model.ReportProgressRequest;
import dev.taskregistry.adapters.rest.model.SetTtlRequest;
import dev.taskregistry.adapters.rest.model.TaskPageResponse;
import dev.taskregistry.adapters.rest.model.TaskResponse;
import dev.taskregistry.application.TaskUseCases;
import dev.taskregistry.application.feed.FeedUseCases;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The task endpoints: one use case each. Domain errors are left to the exception mappers. */
// OpenAPI: every operation can answer the statuses on the class; each ref names a response of bootstrap's
// META-INF/openapi.yml.
@Tag(name = "tasks")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
@APIResponse(responseCode = "413", ref = "PayloadTooLarge")
@APIResponse(responseCode = "500", ref = "InternalError")
@APIResponse(responseCode = "503", ref = "StoreUnavailable")
@Path("/tasks")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    private final TaskUseCases useCases;
    private final FeedUseCases feed;
    private final FeedStreamSettings feedSettings;

    @Inject
    public TaskResource(TaskUseCases useCases, FeedUseCases feed, FeedStreamSettings feedSettings) {
        this.useCases = useCases;
        this.feed = feed;
        this.feedSettings = feedSettings;
    }

    @RequestBody(required = true)
    @APIResponse(
            responseCode = "201",
            description = "Registered, pending, version 1",
            headers = {
                @Header(
                        name = "Location",
                        required = true,
                        description = "The new task's URL",
                        schema = @Schema(type = SchemaType.STRING, format = "uri")),
                @Header(name = "ETag", required = true, schema = @Schema(ref = "ETag"))
            },
            content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a task", description = "201 with Location; 409 when the id is live already")
    public Response register(RegisterTaskRequest request, @Context UriInfo uriInfo) {
        Task task = useCases.registerTask().register(required(request).toCommand());
        return withVersion(
                Response.created(uriInfo.getBaseUriBuilder()
                        .path("tasks")
                        .path(task.id().value())
                        .build()),
                task);
    }

    @Parameter(name = "id", in = ParameterIn.PATH, schema = @Schema(ref = "TaskId"))
    @Parameter(
            name = LongPollQuery.WAIT,
            in = ParameterIn.QUERY,
            description = "Long-poll: wait up to this many seconds for a version after after_version",
            schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0"))
    @Parameter(
            name = LongPollQuery.AFTER_VERSION,
            in = ParameterIn.QUERY,
            description = "With wait: answer as soon as the version exceeds it (default: the current version)",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
    @APIResponse(
            responseCode = "200",
            description = "The task (with wait: once its version passed after_version, or when the wait ended)",
            headers = @Header(name = "ETag", required = true, schema = @Schema(ref = "ETag")),
            content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    @GET
    @Path("{id}")
    @Operation(
            summary = "Get a task",
            description = "404 when unknown or expired; with wait, a long-poll for its next version (503 beyond"
                    + " taskregistry.feed.max-subscribers, wait at most taskregistry.feed.max-wait)")
    public Response get(
            @PathParam("id") String id,
            @QueryParam(LongPollQuery.WAIT) String wait,
            @QueryParam(LongPollQuery.AFTER_VERSION) String afterVersion)
            throws InterruptedException {
        TaskId taskId = TaskId.of(id);
        Optional<LongPollQuery> poll = LongPollQuery.of(wait, afterVersion, feedSettings.maxWait());
        Task task = poll.isEmpty()
                ? useCases.getTask().get(taskId)
                : feed.awaitTaskChange()
                        .await(taskId, poll.get().afterVersion(), poll.get().waitFor());
        return withVersion(Response.ok(), task);
    }

    @Parameter(name = "status", in = ParameterIn.QUERY, schema = @Schema(ref = "TaskStatus"))
    @Parameter(name = "type", in = ParameterIn.QUERY, schema = @Schema(ref = "TaskType"))
    @Parameter(
            name = "limit",
            in = ParameterIn.QUERY,
            description = "Page size",
            schema =
                    @Schema(
                            type = SchemaType.INTEGER,
                            format = "int32",
                            minimum = "1",
                            maximum = "1000",
                            defaultValue = "50"))
    @Parameter(
            name = "cursor",
            in = ParameterIn.QUERY,
            description = "The next_cursor of the previous page; none for the first")
    @APIResponse(
            responseCode = "200",
            description = "A page of live tasks, latest expiry first",
            content = @Content(schema = @Schema(implementation = TaskPageResponse.class)))
    @GET
    @Operation(
            summary = "List live tasks",
            description = "Filter by status and type; page with limit (1-1000) and cursor")
    public TaskPageResponse list(
            @QueryParam("status") String status,
            @QueryParam("type") String type,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        ListingQuery query = new ListingQuery(status, type, limit, cursor);
        return TaskPageResponse.of(useCases.listTasks().list(query.filter(), query.page()), query::tokenOf);
    }

    @Parameter(name = "id", in = ParameterIn.PATH, schema = @Schema(ref = "TaskId"))
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, schema = @Schema(ref = "IfMatch"))
    @APIResponse(
            responseCode = "200",
            description = "The started task",
            headers = @Header(name = "ETag", required = true, schema = @Schema(ref = "ETag")),
            content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @POST
    @Path("{id}/start")
    @Operation(summary = "Start a pending task")
    public Response start(@PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch) {
        return withVersion(Response.ok(), useCases.startTask().start(TaskId.of(id), IfMatchHeader.parse(ifMatch)));
    }

    @Parameter(name = "id", in = ParameterIn.PATH, schema = @Schema(ref = "TaskId"))
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, schema = @Schema(ref = "IfMatch"))
    @RequestBody(required = true)
    @APIResponse(
            responseCode = "200",
            description = "The task with its progress",
            headers = @Header(name = "ETag", required = true, schema = @Schema(ref = "ETag")),
            content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @POST
    @Path("{id}/progress")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report progress", description = "Starts a pending task")
    public Response progress(
            @PathParam("id") String id,
            @HeaderParam(IfMatchHeader.NAME) String ifMatch,
            ReportProgressRequest request) {
        Task task = useCases.reportProgress()
                .report(TaskId.of(id), required(request).toReport(), IfMatchHeader.parse(ifMatch));
        return withVersion(Response.ok(), task);
    }

    @Parameter(name = "id", in = ParameterIn.PATH, schema = @Schema(ref = "TaskId"))
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, schema = @Schema(ref = "IfMatch"))
    @APIResponse(
            responseCode = "200",
            description = "The completed task",
            headers = @Header(name = "ETag", required = true, schema = @Schema(ref = "ETag")),
            content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @POST
    @Path("{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete a task", description = "The optional result is any JSON value")
    public Response complete(
            @PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch, CompleteTaskRequest request) {
        CompleteTaskRequest body = request == null ? new CompleteTaskRequest(null) : request;
        Task task = useCases.completeTask().complete(TaskId.of(id), body.toResult(), IfMatchHeader.parse(ifMatch));
        return withVersion(Response.ok(), task);
    }

    @Parameter(name = "id", in = ParameterIn.PATH, schema = @Schema(ref = "TaskId"))
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, schema = @Schema(ref = "IfMatch"))
    @RequestBody(required = true)
    @APIResponse(
            responseCode = "200",
            description = "The failed task",
            headers = @Header(name = "ETag", required = true, schema = @Schema(ref = "ETag")),
            content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @POST
    @Path("{id}/fail")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fail a task", description = "error is required")
    public Response fail(
            @PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch, FailTaskRequest request) {
        Task task = useCases.failTask().fail(TaskId.of(id), required(request).error(), IfMatchHeader.parse(ifMatch));
        return withVersion(Response.ok(), task);
    }

    @Parameter(name = "id", in = ParameterIn.PATH, schema = @Schema(ref = "TaskId"))
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, schema = @Schema(ref = "IfMatch"))
    @APIResponse(
            responseCode = "200",
            description = "The cancelled task",
            headers = @Header(name = "ETag", required = true, schema = @Schema(ref = "ETag")),
            content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a task")
    public Response cancel(@PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch) {
        return withVersion(Response.ok(), useCases.cancelTask().cancel(TaskId.of(id), IfMatchHeader.parse(ifMatch)));
    }

    @Parameter(name = "id", in = ParameterIn.PATH, schema = @Schema(ref = "TaskId"))
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, schema = @Schema(ref = "IfMatch"))
    @RequestBody(required = true)
    @APIResponse(
            responseCode = "200",
            description = "The task with its new expires_at",
            headers = @Header(name = "ETag", required = true, schema = @Schema(ref = "ETag")),
            content = @Content(schema = @Schema(implementation = TaskResponse.class)))
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @PUT
    @Path("{id}/ttl")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new TTL", description = "The task then expires ttl_seconds from now")
    public Response setTtl(
            @PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch, SetTtlRequest request) {
        Task task = useCases.setTaskTtl()
                .setTtl(TaskId.of(id), required(request).requiredTtlSeconds(), IfMatchHeader.parse(ifMatch));
        return withVersion(Response.ok(), task);
    }

    @Parameter(name = "id", in = ParameterIn.PATH, schema = @Schema(ref = "TaskId"))
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, schema = @Schema(ref = "IfMatch"))
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "TaskNotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a task")
    public Response delete(@PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch) {
        useCases.deleteTask().delete(TaskId.of(id), IfMatchHeader.parse(ifMatch));
        return Response.noContent().build();
    }

    private static Response withVersion(Response.ResponseBuilder response, Task task) {
        // A strong tag of digits needs no quoting rules; Jersey's EntityTag writer formats a localised "is null"
        // message on every call, 1% of a GET's CPU.
        return response.header(HttpHeaders.ETAG, "\"" + task.version() + "\"")
                .entity(TaskResponse.of(task))
                .build();
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw new InvalidInput("body", "is required: send a JSON object");
        }
        return body;
    }
}
