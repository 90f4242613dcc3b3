package dev.taskregistry.adapters.rest.events;

import dev.taskregistry.adapters.rest.error.RequestPath;
import dev.taskregistry.adapters.rest.model.WireNames;
import dev.taskregistry.application.feed.FeedUseCases;
import dev.taskregistry.application.feed.TaskWatch;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

/** The registry's event stream: every change, optionally of one status and type, from any worker. */
@Tag(name = "events")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "406", ref = "NotAcceptable")
@APIResponse(responseCode = "500", ref = "InternalError")
@APIResponse(responseCode = "503", ref = "StoreUnavailable")
@Path("/events")
@ApplicationScoped
public class RegistryEventsResource {

    private final FeedUseCases feed;
    private final EventStreams streams;

    @Inject
    public RegistryEventsResource(FeedUseCases feed, EventStreams streams) {
        this.feed = feed;
        this.streams = streams;
    }

    @Parameter(
            name = "status",
            in = ParameterIn.QUERY,
            description = "Only changes that leave a task in this status (a removal: the status it had)",
            schema = @Schema(ref = "TaskStatus"))
    @Parameter(name = "type", in = ParameterIn.QUERY, schema = @Schema(ref = "TaskType"))
    @Parameter(
            name = LastEventId.NAME,
            in = ParameterIn.HEADER,
            description = LastEventId.DESCRIPTION,
            schema = @Schema(ref = "FeedPosition"))
    @APIResponse(
            responseCode = "200",
            description = "Server-Sent Events: registered/updated/deleted/expired, reset, unavailable",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            summary = "Stream the registry's changes",
            description = "From now, or after Last-Event-ID; 503 beyond taskregistry.feed.max-subscribers")
    public void events(
            @QueryParam("status") String status,
            @QueryParam("type") String type,
            @HeaderParam(LastEventId.NAME) String lastEventId,
            @Context SseEventSink sink,
            @Context Sse sse,
            @Context UriInfo uriInfo) {
        TaskChangeFilter filter = TaskChangeFilter.of(
                isAbsent(status) ? null : WireNames.statusNamed(status), isAbsent(type) ? null : TaskType.of(type));
        TaskWatch watch = feed.watchTasks().watchRegistry(filter, LastEventId.parse(lastEventId));
        streams.start(watch, sink, sse, RequestPath.of(uriInfo));
    }

    /** An empty parameter ({@code ?status=}) means the parameter is absent, as for {@code GET /tasks}. */
    private static boolean isAbsent(String value) {
        return value == null || value.isEmpty();
    }
}
