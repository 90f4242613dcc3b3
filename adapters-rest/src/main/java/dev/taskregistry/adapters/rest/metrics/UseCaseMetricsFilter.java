package dev.taskregistry.adapters.rest.metrics;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.time.Duration;

/**
 * Counts and times the calls of one use case ({@link UseCaseMetricsFeature} binds one to each resource method).
 * Requests refused before they reach the use case (401) are not counted: their request filter never ran.
 */
@Priority(Priorities.USER)
final class UseCaseMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = UseCaseMetricsFilter.class.getName() + ".started";

    private final UseCaseMeters.Meters meters;

    UseCaseMetricsFilter(UseCaseMeters.Meters meters) {
        this.meters = meters;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STARTED) instanceof Long started) {
            meters.record(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
