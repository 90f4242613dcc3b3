package dev.taskregistry.adapters.redis;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/** What a test opened on Redis, closed together after it, newest first. */
final class OpenedResources {

    // Concurrent because a test may open a repository on another thread, e.g. inside assertTimeoutPreemptively.
    private final Deque<AutoCloseable> opened = new ConcurrentLinkedDeque<>();

    <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes everything, even after a failing close: the first failure is thrown, the others suppressed in it. */
    void closeAll() throws Exception {
        Exception failure = null;
        for (AutoCloseable resource = opened.poll(); resource != null; resource = opened.poll()) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
