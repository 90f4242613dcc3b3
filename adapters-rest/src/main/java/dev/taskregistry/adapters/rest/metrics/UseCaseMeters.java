package dev.taskregistry.adapters.rest.metrics;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * A counter and a timer per use case, one use case per resource method, named after it in kebab case:
 * {@code taskregistry.<use-case>.calls} and {@code taskregistry.<use-case>.duration} (in Prometheus text
 * {@code taskregistry_set_ttl_calls_total} for {@code setTtl}). All are registered up front, so every
 * name is on {@code /metrics} before its first call.
 */
final class UseCaseMeters {

    private static final String PREFIX = "taskregistry.";

    private final Map<Method, Meters> byMethod = new HashMap<>();

    UseCaseMeters(MetricRegistry registry, Class<?>... resources) {
        for (Class<?> resource : resources) {
            for (Method method : resource.getMethods()) {
                httpMethodOf(method)
                        .ifPresent(verb -> byMethod.put(
                                method, register(registry, method, verb + " " + pathOf(resource, method))));
            }
        }
    }

    /** The counter and timer of {@code method}'s use case; empty for a method that is no use case. */
    Optional<Meters> of(Method method) {
        return Optional.ofNullable(byMethod.get(method));
    }

    static String useCaseName(Method method) {
        return method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Meters register(MetricRegistry registry, Method method, String endpoint) {
        String useCase = useCaseName(method);
        Counter calls = registry.counter(Metadata.builder()
                .withName(PREFIX + useCase + ".calls")
                .withDescription(
                        "Requests answered by the " + useCase + " use case (" + endpoint + "), whatever the status")
                .build());
        Timer duration = registry.timer(Metadata.builder()
                .withName(PREFIX + useCase + ".duration")
                .withDescription("Time to answer a request of the " + useCase + " use case (" + endpoint + ")")
                .withUnit(MetricUnits.NANOSECONDS)
                .build());
        return new Meters(calls, duration);
    }

    private static Optional<String> httpMethodOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return Optional.of(verb.value());
            }
        }
        return Optional.empty();
    }

    private static String pathOf(Class<?> resource, Method method) {
        String base = resource.getAnnotation(Path.class) == null
                ? ""
                : resource.getAnnotation(Path.class).value();
        Path sub = method.getAnnotation(Path.class);
        return sub == null ? base : base + "/" + sub.value();
    }

    /** One use case's counter and timer. */
    record Meters(Counter calls, Timer duration) {

        /** Records one answered call. */
        void record(Duration elapsed) {
            calls.inc();
            duration.update(elapsed);
        }
    }
}
