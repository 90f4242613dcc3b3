package dev.taskregistry.adapters.rest;

import dev.taskregistry.adapters.rest.model.CompleteTaskRequest;
import dev.taskregistry.adapters.rest.model.FailTaskRequest;
import dev.taskregistry.adapters.rest.model.RegisterTaskRequest;
import dev.taskregistry.adapters.rest.model.ReportProgressRequest;
import dev.taskregistry.adapters.rest.model.SetTtlRequest;
import dev.taskregistry.adapters.rest.model.TaskPageResponse;
import dev.taskregistry.adapters.rest.model.TaskResponse;
import dev.taskregistry.adapters.rest.security.BearerTokenRequired;
import dev.taskregistry.application.TaskUseCases;
import dev.taskregistry.domain.InvalidTaskField;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.metrics.annotation.Counted;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The task endpoints: one use case each. Domain errors are left to the exception mappers. */
@Path("/tasks")
@ApplicationScoped
@BearerTokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    private static final String METRIC = "taskregistry.";

    private final TaskUseCases useCases;

    @Inject
    public TaskResource(TaskUseCases useCases) {
        this.useCases = useCases;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a task", description = "201 with Location; 409 when the id is live already")
    @Counted(name = METRIC + "register.calls", absolute = true)
    @Timed(name = METRIC + "register.duration", absolute = true)
    public Response register(RegisterTaskRequest request, @Context UriInfo uriInfo) {
        Task task = useCases.registerTask().register(required(request).toCommand());
        return withVersion(Response.created(uriInfo.getBaseUriBuilder().path("tasks").path(task.id().value()).build()), task);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a task", description = "404 when unknown or expired")
    @Counted(name = METRIC + "get.calls", absolute = true)
    @Timed(name = METRIC + "get.duration", absolute = true)
    public Response get(@PathParam("id") String id) {
        return withVersion(Response.ok(), useCases.getTask().get(TaskId.of(id)));
    }

    @GET
    @Operation(summary = "List live tasks", description = "Filter by status and type; page with limit (1-1000) and cursor")
    @Counted(name = METRIC + "list.calls", absolute = true)
    @Timed(name = METRIC + "list.duration", absolute = true)
    public TaskPageResponse list(@QueryParam("status") String status, @QueryParam("type") String type,
                                 @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        ListingQuery query = new ListingQuery(status, type, limit, cursor);
        return TaskPageResponse.of(useCases.listTasks().list(query.filter(), query.page()), query::tokenOf);
    }

    @POST
    @Path("{id}/start")
    @Operation(summary = "Start a pending task")
    @Counted(name = METRIC + "start.calls", absolute = true)
    @Timed(name = METRIC + "start.duration", absolute = true)
    public Response start(@PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch) {
        return withVersion(Response.ok(), useCases.startTask().start(TaskId.of(id), IfMatchHeader.parse(ifMatch)));
    }

    @POST
    @Path("{id}/progress")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report progress", description = "Starts a pending task")
    @Counted(name = METRIC + "progress.calls", absolute = true)
    @Timed(name = METRIC + "progress.duration", absolute = true)
    public Response progress(@PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch,
                             ReportProgressRequest request) {
        Task task = useCases.reportProgress().report(TaskId.of(id), required(request).toReport(), IfMatchHeader.parse(ifMatch));
        return withVersion(Response.ok(), task);
    }

    @POST
    @Path("{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete a task", description = "The optional result is any JSON value")
    @Counted(name = METRIC + "complete.calls", absolute = true)
    @Timed(name = METRIC + "complete.duration", absolute = true)
    public Response complete(@PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch,
                             CompleteTaskRequest request) {
        CompleteTaskRequest body = request == null ? new CompleteTaskRequest(null) : request;
        Task task = useCases.completeTask().complete(TaskId.of(id), body.toResult(), IfMatchHeader.parse(ifMatch));
        return withVersion(Response.ok(), task);
    }

    @POST
    @Path("{id}/fail")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fail a task", description = "error is required")
    @Counted(name = METRIC + "fail.calls", absolute = true)
    @Timed(name = METRIC + "fail.duration", absolute = true)
    public Response fail(@PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch,
                         FailTaskRequest request) {
        Task task = useCases.failTask().fail(TaskId.of(id), required(request).error(), IfMatchHeader.parse(ifMatch));
        return withVersion(Response.ok(), task);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a task")
    @Counted(name = METRIC + "cancel.calls", absolute = true)
    @Timed(name = METRIC + "cancel.duration", absolute = true)
    public Response cancel(@PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch) {
        return withVersion(Response.ok(), useCases.cancelTask().cancel(TaskId.of(id), IfMatchHeader.parse(ifMatch)));
    }

    @PUT
    @Path("{id}/ttl")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new TTL", description = "The task then expires ttl_seconds from now")
    @Counted(name = METRIC + "set-ttl.calls", absolute = true)
    @Timed(name = METRIC + "set-ttl.duration", absolute = true)
    public Response setTtl(@PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch,
                           SetTtlRequest request) {
        Task task = useCases.setTaskTtl().setTtl(TaskId.of(id), required(request).requiredTtlSeconds(), IfMatchHeader.parse(ifMatch));
        return withVersion(Response.ok(), task);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a task")
    @Counted(name = METRIC + "delete.calls", absolute = true)
    @Timed(name = METRIC + "delete.duration", absolute = true)
    public Response delete(@PathParam("id") String id, @HeaderParam(IfMatchHeader.NAME) String ifMatch) {
        useCases.deleteTask().delete(TaskId.of(id), IfMatchHeader.parse(ifMatch));
        return Response.noContent().build();
    }

    private static Response withVersion(Response.ResponseBuilder response, Task task) {
        return response.tag(new EntityTag(Long.toString(task.version()))).entity(TaskResponse.of(task)).build();
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw new InvalidTaskField("body", "is required: send a JSON object");
        }
        return body;
    }
}
