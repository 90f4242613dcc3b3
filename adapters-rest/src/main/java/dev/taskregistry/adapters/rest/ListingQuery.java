package dev.taskregistry.adapters.rest;

import dev.taskregistry.adapters.rest.model.WireNames;
import dev.taskregistry.application.ListingCursors;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.PageCursor;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskType;
import java.util.Optional;

/**
 * The query parameters of {@code GET /tasks}, read as text so that every bad value gets a 400 naming
 * the parameter (Jakarta REST would answer 404 for a query parameter it cannot convert).
 */
record ListingQuery(String status, String type, String limit, String cursor) {

    /** An empty parameter ({@code ?status=}) means the parameter is absent, as an HTML form sends an unset field. */
    ListingQuery {
        status = absentIfEmpty(status);
        type = absentIfEmpty(type);
        limit = absentIfEmpty(limit);
        cursor = absentIfEmpty(cursor);
    }

    private static String absentIfEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    TaskFilter filter() {
        return TaskFilter.of(
                status == null ? null : WireNames.statusNamed(status), type == null ? null : TaskType.of(type));
    }

    /** The page asked for; a cursor must have come from a listing with this query's filter. */
    PageRequest page() {
        TaskFilter filter = filter();
        return new PageRequest(
                limitValue(), Optional.ofNullable(cursor).map(token -> ListingCursors.decode(token, filter)));
    }

    /** The {@code next_cursor} text of a page of this listing. */
    String tokenOf(PageCursor next) {
        return ListingCursors.encode(next, filter());
    }

    private int limitValue() {
        if (limit == null) {
            return PageRequest.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidTaskField(
                    TaskField.LIMIT,
                    "must be a whole number between 1 and " + PageRequest.MAX_LIMIT + ", was '" + limit + "'");
        }
    }
}
