package dev.taskregistry.bootstrap;

import dev.taskregistry.application.TaskUseCases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;

/**
 * Builds the registry when the application starts, so a bad setting (an unknown store, a malformed
 * duration) stops start-up with its message instead of failing the first request.
 */
@ApplicationScoped
public class StartupCheck {

    private static final Logger LOG = Logger.getLogger(StartupCheck.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event, RegistryConfig config, TaskUseCases useCases) {
        LOG.info(() -> "task registry ready: store=" + config.store().configName() + ", ttl=" + config.ttlPolicy());
    }
}
