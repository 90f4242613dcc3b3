package dev.taskregistry.bootstrap;

import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskStoreUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the task store answers: one cheap lookup of an id that is never registered. The DOWN
 * answer says only "store unreachable" (the endpoint is open to anyone); the cause goes to the log,
 * once per outage.
 */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    static final String UNREACHABLE = "store unreachable";
    private static final Logger LOG = Logger.getLogger(StoreReadinessCheck.class.getName());
    private static final TaskId PROBE = TaskId.of("readiness-probe");

    private final TaskRepository repository;
    private final AtomicBoolean down = new AtomicBoolean();

    @Inject
    public StoreReadinessCheck(TaskRepository repository) {
        this.repository = repository;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            repository.find(PROBE);
        } catch (TaskStoreUnavailable unavailable) {
            if (down.compareAndSet(false, true)) {
                LOG.warning(() -> "not ready: " + unavailable.getMessage());
            }
            return HealthCheckResponse.named("task-store")
                    .down()
                    .withData("error", UNREACHABLE)
                    .build();
        }
        if (down.compareAndSet(true, false)) {
            LOG.info("ready: the task store answers again");
        }
        return HealthCheckResponse.up("task-store");
    }
}
