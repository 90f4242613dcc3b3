package dev.taskregistry.adapters.rest.metrics;

import dev.taskregistry.adapters.rest.StatsResource;
import dev.taskregistry.adapters.rest.TaskResource;
import dev.taskregistry.adapters.rest.events.RegistryEventsResource;
import dev.taskregistry.adapters.rest.events.TaskEventsResource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Counts and times every use case: binds to each resource method, once at start-up, a filter that holds that
 * method's counter and timer. An interceptor per resource method cost about 15% of a GET's CPU and logged every
 * client error with a stack trace; one global filter that looked its method up through an injected
 * {@code ResourceInfo} still cost 4% of a GET's CPU in that proxy's per-request lookups (JFR, docs/BENCHMARKS.md).
 */
@Provider
@Dependent
public class UseCaseMetricsFeature implements DynamicFeature {

    private final UseCaseMeters meters;

    @Inject
    public UseCaseMetricsFeature(MetricRegistry registry) {
        this.meters = new UseCaseMeters(
                registry,
                TaskResource.class,
                StatsResource.class,
                TaskEventsResource.class,
                RegistryEventsResource.class);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        meters.of(resource.getResourceMethod())
                .ifPresent(useCase -> context.register(new UseCaseMetricsFilter(useCase)));
    }
}
