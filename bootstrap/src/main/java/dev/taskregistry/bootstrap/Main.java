package dev.taskregistry.bootstrap;

import io.helidon.common.mapper.MapperManager;

/**
 * Starts the service: Helidon's own main, after pinning the global MapperManager. Helidon 4.4.0 otherwise
 * looks it up in its service registry on every response (for Content-Length), a third of the CPU of
 * {@code GET /tasks/{id}} (docs/BENCHMARKS.md, finding B).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        MapperManager.global(MapperManager.create());
        io.helidon.Main.main(args);
    }
}
