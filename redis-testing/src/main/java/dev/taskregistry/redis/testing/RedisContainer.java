package dev.taskregistry.redis.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** The shared test Redis as a Testcontainers {@code redis:7} container, when a Docker engine is available. */
final class RedisContainer {

    private static final int REDIS_PORT = 6379;

    private RedisContainer() {}

    /** False also when Testcontainers is not on the class path (it is optional in redis-testing). */
    static boolean isDockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
        } catch (ClassNotFoundException absent) {
            return false;
        }
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts a container for the rest of the JVM's life (Testcontainers removes it when the JVM exits). */
    static String startShared() {
        GenericContainer<?> container =
                new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(REDIS_PORT);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "redis-container-cleanup"));
        return "redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT);
    }
}
