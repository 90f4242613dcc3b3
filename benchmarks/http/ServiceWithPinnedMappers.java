/*
 * The service exactly as shipped, plus the one line docs/BENCHMARKS.md proposes for bootstrap: the global
 * MapperManager pinned at start-up. Helidon 4.4.0's MapperManager.global() otherwise looks the manager up
 * in the service registry on every call, and the HTTP/1 response stream calls it once per response (to
 * read Content-Length): a third of the CPU of GET /tasks/{id}. Run by scripts/bench-http.sh as the
 * variant "tcp-no-delay+pinned-mappers" with the runnable jar on the class path:
 *   java -cp bootstrap/target/task-registry.jar benchmarks/http/ServiceWithPinnedMappers.java
 */
import io.helidon.common.mapper.MapperManager;

public class ServiceWithPinnedMappers {

    // MapperManager is deprecated for removal in Helidon 4.4; its replacement has no global pin yet.
    @SuppressWarnings("removal")
    public static void main(String[] args) {
        // create(), not global(): the registry must not have been used yet, or Helidon logs a warning.
        MapperManager.global(MapperManager.create());
        io.helidon.Main.main(args);
    }
}
