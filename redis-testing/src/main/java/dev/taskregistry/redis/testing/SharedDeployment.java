package dev.taskregistry.redis.testing;

import java.util.function.Supplier;

/**
 * A deployment the tests of one JVM share, started on first use. When its start fails, every later test fails
 * at once with the same cause instead of waiting for another start.
 */
final class SharedDeployment<T> {

    private final String name;
    private final Supplier<T> start;
    private T deployment;
    private RuntimeException failure;

    SharedDeployment(String name, Supplier<T> start) {
        this.name = name;
        this.start = start;
    }

    synchronized T get() {
        if (deployment == null && failure == null) {
            try {
                deployment = start.get();
            } catch (RuntimeException startFailure) {
                failure = startFailure;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("the shared " + name + " did not start", failure);
        }
        return deployment;
    }
}
