package dev.taskregistry.bootstrap;

import dev.taskregistry.adapters.inmemory.InMemoryTaskRepository;
import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.adapters.rest.proxy.ForwardingPolicy;
import dev.taskregistry.adapters.rest.security.ApiToken;
import dev.taskregistry.application.TaskUseCases;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskStoreUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.logging.Logger;

/** The composition root: plain constructors wired to the store that {@code taskregistry.store} names. */
@ApplicationScoped
public class RegistryProducers {

    private static final Logger LOG = Logger.getLogger(RegistryProducers.class.getName());

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    TaskRepository taskRepository(RegistryConfig config, Clock clock) {
        LOG.info(() -> "task store: " + config.store().configName());
        return switch (config.store()) {
            case INMEMORY -> new InMemoryTaskRepository(clock);
            case REDIS -> warmedUp(RedisTaskRepository.connect(config.redisSettings()));
        };
    }

    /** A fresh worker's first burst then finds its connections open; a Redis that is down now is not fatal. */
    private static RedisTaskRepository warmedUp(RedisTaskRepository repository) {
        try {
            repository.warmUp();
        } catch (TaskStoreUnavailable unavailable) {
            LOG.warning(() ->
                    "Redis is not reachable yet; the registry connects on first use: " + unavailable.getMessage());
        }
        return repository;
    }

    void closeTaskRepository(@Disposes TaskRepository repository) throws Exception {
        if (repository instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** Singleton, not application-scoped: a record cannot be proxied, and it needs no proxy. */
    @Produces
    @Singleton
    TaskUseCases taskUseCases(TaskRepository repository, Clock clock, RegistryConfig config) {
        return TaskUseCases.wire(repository, clock, config.ttlPolicy(), config.resourceUrlTemplate());
    }

    @Produces
    @Singleton
    ApiToken apiToken(RegistryConfig config) {
        return ApiToken.of(config.apiToken());
    }

    @Produces
    @Singleton
    ForwardingPolicy forwardingPolicy(RegistryConfig config) {
        LOG.info(() -> "public URLs: " + config.forwardingPolicy());
        return config.forwardingPolicy();
    }
}
