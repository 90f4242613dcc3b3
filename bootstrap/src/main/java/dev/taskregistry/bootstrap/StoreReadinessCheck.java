package dev.taskregistry.bootstrap;

import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskStoreUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the task store answers: one cheap lookup of an id that is never registered. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    private static final TaskId PROBE = TaskId.of("readiness-probe");

    private final TaskRepository repository;

    @Inject
    public StoreReadinessCheck(TaskRepository repository) {
        this.repository = repository;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            repository.find(PROBE);
            return HealthCheckResponse.up("task-store");
        } catch (TaskStoreUnavailable unavailable) {
            return HealthCheckResponse.named("task-store").down().withData("error", unavailable.getMessage()).build();
        }
    }
}
