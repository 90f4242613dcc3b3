package dev.taskregistry.bootstrap;

import dev.taskregistry.application.TaskUseCases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Builds the registry when the application starts, so a bad setting (an unknown store, a malformed
 * duration) stops start-up with its message instead of failing the first request, and says in the log
 * what this worker uses: the store, where Redis is (never the password), and the address it binds.
 */
@ApplicationScoped
public class StartupCheck {

    private static final Logger LOG = Logger.getLogger(StartupCheck.class.getName());
    private static final String ALL_INTERFACES = "0.0.0.0";

    void onStart(
            @Observes @Initialized(ApplicationScoped.class) Object event,
            RegistryConfig config,
            TaskUseCases useCases,
            Config settings) {
        String host = settings.getOptionalValue("server.host", String.class).orElse(ALL_INTERFACES);
        String bind = ALL_INTERFACES.equals(host) ? host + " (all interfaces; set server.host to bind one)" : host;
        LOG.info(() -> "task registry ready: store=" + config.store().configName()
                + (config.store() == StoreKind.REDIS ? ", redis=" + config.redisSettings() : "")
                + ", ttl=" + config.ttlPolicy() + ", binds " + bind);
    }
}
