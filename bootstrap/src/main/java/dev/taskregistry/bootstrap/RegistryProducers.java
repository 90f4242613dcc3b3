package dev.taskregistry.bootstrap;

import dev.taskregistry.adapters.inmemory.InMemoryTaskRepository;
import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.adapters.rest.events.FeedStreamSettings;
import dev.taskregistry.adapters.rest.proxy.ForwardingPolicy;
import dev.taskregistry.adapters.rest.security.ApiToken;
import dev.taskregistry.application.TaskUseCases;
import dev.taskregistry.application.feed.FeedUseCases;
import dev.taskregistry.domain.TaskChangeFeed;
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

    /** The store {@code taskregistry.store} names: its repository and, from the same store, its change feed. */
    @Produces
    @Singleton
    TaskStore taskStore(RegistryConfig config, Clock clock) {
        LOG.info(() -> "task store: " + config.store().configName());
        return switch (config.store()) {
            case INMEMORY -> {
                InMemoryTaskRepository repository = new InMemoryTaskRepository(clock, config.feedRetention());
                yield new TaskStore(repository, repository.changeFeed());
            }
            case REDIS -> {
                RedisTaskRepository repository =
                        warmedUp(RedisTaskRepository.connect(config.redisSettings(), config.redisFeedSettings()));
                yield new TaskStore(repository, repository.changeFeed());
            }
        };
    }

    @Produces
    @ApplicationScoped
    TaskRepository taskRepository(TaskStore store) {
        return store.repository();
    }

    @Produces
    @Singleton
    TaskChangeFeed taskChangeFeed(TaskStore store) {
        return store.feed();
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

    /** A repository and the change feed of the same store. */
    record TaskStore(TaskRepository repository, TaskChangeFeed feed) {}

    void closeTaskStore(@Disposes TaskStore store) throws Exception {
        if (store.repository() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Produces
    @Singleton
    FeedUseCases feedUseCases(TaskRepository repository, TaskChangeFeed feed, Clock clock, RegistryConfig config) {
        return FeedUseCases.wire(repository, feed, clock, config.feedMaxSubscribers());
    }

    @Produces
    @Singleton
    FeedStreamSettings feedStreamSettings(RegistryConfig config) {
        return config.feedStreams();
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
