package dev.taskregistry.adapters.rest.events;

import dev.taskregistry.adapters.rest.error.RequestPath;
import dev.taskregistry.application.feed.FeedUseCases;
import dev.taskregistry.application.feed.TaskWatch;
import dev.taskregistry.domain.TaskId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One task's event stream: its state, then each change, until the task ends. */
@Tag(name = "events")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "404", ref = "TaskNotFound")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
@APIResponse(responseCode = "500", ref = "InternalError")
@APIResponse(responseCode = "503", ref = "StoreUnavailable")
@Path("/tasks/{id}/events")
@ApplicationScoped
public class TaskEventsResource {

    private final FeedUseCases feed;
    private final EventStreams streams;

    @Inject
    public TaskEventsResource(FeedUseCases feed, EventStreams streams) {
        this.feed = feed;
        this.streams = streams;
    }

    @Parameter(name = "id", in = ParameterIn.PATH, schema = @Schema(ref = "TaskId"))
    @Parameter(
            name = LastEventId.NAME,
            in = ParameterIn.HEADER,
            description = LastEventId.DESCRIPTION,
            schema = @Schema(ref = "FeedPosition"))
    @APIResponse(
            responseCode = "200",
            description = "Server-Sent Events: state, then registered/updated/deleted/expired, reset, unavailable;"
                    + " ends after the task's terminal state, deletion or expiry",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            summary = "Stream a task's changes",
            description = "404 before the stream when the task is unknown or expired; 503 beyond"
                    + " taskregistry.feed.max-subscribers")
    public void events(
            @PathParam("id") String id,
            @HeaderParam(LastEventId.NAME) String lastEventId,
            @Context SseEventSink sink,
            @Context Sse sse,
            @Context UriInfo uriInfo) {
        TaskWatch watch = feed.watchTasks().watchTask(TaskId.of(id), LastEventId.parse(lastEventId));
        streams.start(watch, sink, sse, RequestPath.of(uriInfo));
    }
}
