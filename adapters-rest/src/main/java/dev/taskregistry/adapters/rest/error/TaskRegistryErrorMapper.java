package dev.taskregistry.adapters.rest.error;

import dev.taskregistry.adapters.rest.model.WireNames;
import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.IllegalTaskTransition;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskRegistryException;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.TaskVersionMismatch;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every domain error as problem+json, in one exhaustive switch over the sealed {@link TaskRegistryException}:
 * a new error type does not compile until it is given its answer here, so it can never become a 500.
 */
@Provider
@Dependent
public class TaskRegistryErrorMapper implements ExceptionMapper<TaskRegistryException> {

    private static final String RETRY_AFTER_SECONDS = "2";
    private static final Logger LOG = Logger.getLogger(TaskRegistryErrorMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(TaskRegistryException error) {
        return switch (error) {
            case InvalidTaskField invalid -> invalidField(invalid);
            case TaskNotFound notFound -> problem(Status.NOT_FOUND, "task-not-found", error, "id");
            // If-Match named a version that is no longer current.
            case TaskVersionMismatch mismatch ->
                problem(Status.PRECONDITION_FAILED, "version-mismatch", error, "If-Match");
            // The change contradicts the task's state: id taken, illegal transition, every retry lost.
            case TaskAlreadyExists exists -> problem(Status.CONFLICT, "task-already-exists", error, null);
            case IllegalTaskTransition transition -> problem(Status.CONFLICT, "illegal-transition", error, null);
            case ConcurrentTaskUpdate contention -> problem(Status.CONFLICT, "concurrent-update", error, null);
            case TaskStoreUnavailable unavailable -> storeUnavailable(unavailable);
        };
    }

    /** Named as the client sent it, also where the problem mentions other fields. */
    private Response invalidField(InvalidTaskField error) {
        String field = WireNames.fieldName(error.field());
        return Problem.invalidField(
                        field, "'" + field + "' " + error.problem(WireNames::fieldName), RequestPath.of(uriInfo))
                .toResponse()
                .build();
    }

    /** The store is down: 503 with {@code Retry-After}, never "not found"; the cause is logged, not answered. */
    private Response storeUnavailable(TaskStoreUnavailable error) {
        LOG.log(Level.WARNING, "task store unavailable: {0}", error.getMessage());
        return Problem.of(
                        Status.SERVICE_UNAVAILABLE,
                        "store-unavailable",
                        "the task store cannot be reached; retry later",
                        RequestPath.of(uriInfo),
                        null)
                .toResponse()
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    private Response problem(Status status, String slug, TaskRegistryException error, String field) {
        return Problem.of(status, slug, error.getMessage(), RequestPath.of(uriInfo), field)
                .toResponse()
                .build();
    }
}
