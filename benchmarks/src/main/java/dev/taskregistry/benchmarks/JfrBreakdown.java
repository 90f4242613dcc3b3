package dev.taskregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a request's CPU and allocations go, from a JFR recording of the service under load: every CPU sample
 * ({@code jdk.ExecutionSample}) and allocation sample ({@code jdk.ObjectAllocationSample}, by weight) is put in
 * the layer of the deepest frame, from the thread's root towards the sampled method, that belongs to a known
 * layer (the HTTP server, Jersey, CDI, the resource, the use case, the repository, the document codec, the JSON
 * writer, Jedis, the pool), and marked as socket I/O when the sampled method itself is in the JDK's socket code.
 * Then the hottest sampled methods. Usage: {@code JfrBreakdown <recording.jfr> [top methods, default 30]};
 * prints text.
 */
public final class JfrBreakdown {

    /** Checked in order for every frame: the first rule whose prefix the frame's class and method start with. */
    private static final List<String[]> LAYERS = List.of(
            new String[] {"dev.taskregistry.adapters.redis.TaskDocumentCodec", "document decode/encode (ours)"},
            new String[] {"dev.taskregistry.adapters.redis.DocumentInstants", "document decode/encode (ours)"},
            new String[] {"dev.taskregistry.adapters.redis.", "Redis repository (ours)"},
            new String[] {"dev.taskregistry.adapters.rest.metrics.", "use-case metrics filter (ours)"},
            new String[] {"dev.taskregistry.adapters.rest.model.", "response model (ours)"},
            new String[] {"dev.taskregistry.adapters.rest.ResponseBodyWriters", "JSON response writer (ours)"},
            new String[] {"dev.taskregistry.adapters.rest.", "REST resource and filters (ours)"},
            new String[] {"dev.taskregistry.application.", "use case (ours)"},
            new String[] {"dev.taskregistry.domain.", "domain (ours)"},
            new String[] {"redis.clients.jedis.", "Jedis"},
            new String[] {"org.apache.commons.pool2.", "connection pool (commons-pool)"},
            new String[] {"com.fasterxml.jackson.jakarta.rs.", "JSON response writer (Jackson provider)"},
            new String[] {"org.glassfish.jersey.jackson.", "JSON response writer (Jackson provider)"},
            new String[] {"org.jboss.weld.", "CDI (Weld)"},
            new String[] {"io.helidon.microprofile.metrics.", "metrics (Helidon)"},
            new String[] {"io.helidon.metrics.", "metrics (Helidon)"},
            new String[] {"io.micrometer.", "metrics (Micrometer)"},
            new String[] {"org.glassfish.jersey.", "Jersey"},
            new String[] {"io.helidon.microprofile.server.", "Jersey bridge (Helidon MP)"},
            new String[] {"io.helidon.webserver.", "HTTP server (Helidon)"},
            new String[] {"io.helidon.", "Helidon other"},
            new String[] {"java.lang.VirtualThread", "virtual-thread scheduling"},
            new String[] {"jdk.internal.vm.Continuation", "virtual-thread scheduling"},
            new String[] {"java.util.concurrent.ForkJoin", "virtual-thread scheduling"});

    private static final List<String> SOCKET_CODE = List.of(
            "sun.nio.ch.",
            "java.net.Socket",
            "sun.nio.ch.NioSocketImpl",
            "java.io.FileDescriptor",
            "jdk.internal.net.");

    private final Map<String, Long> cpuByLayer = new LinkedHashMap<>();
    private final Map<String, Long> socketByLayer = new HashMap<>();
    private final Map<String, Long> bytesByLayer = new LinkedHashMap<>();
    private final Map<String, Long> cpuByMethod = new HashMap<>();
    private final Map<String, Long> bytesByClass = new HashMap<>();
    private long cpuSamples;
    private long allocatedBytes;

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: JfrBreakdown <recording.jfr> [top methods]");
            System.exit(2);
        }
        JfrBreakdown breakdown = new JfrBreakdown();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            breakdown.add(event);
        }
        System.out.print(breakdown.report(args.length == 2 ? Integer.parseInt(args[1]) : 30));
    }

    private void add(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        String layer = layerOf(stack.getFrames());
        switch (event.getEventType().getName()) {
            case "jdk.ExecutionSample" -> {
                cpuSamples++;
                cpuByLayer.merge(layer, 1L, Long::sum);
                if (startsWithAny(name(stack.getFrames().getFirst()), SOCKET_CODE)) {
                    socketByLayer.merge(layer, 1L, Long::sum);
                }
                cpuByMethod.merge(name(stack.getFrames().getFirst()), 1L, Long::sum);
            }
            case "jdk.ObjectAllocationSample" -> {
                long weight = event.getLong("weight");
                allocatedBytes += weight;
                bytesByLayer.merge(layer, weight, Long::sum);
                bytesByClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
            }
            default -> {}
        }
    }

    /** Frames come leaf first; the deepest known frame is the first known one from the leaf. */
    private static String layerOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            for (String[] rule : LAYERS) {
                if (name.startsWith(rule[0])) {
                    return rule[1];
                }
            }
        }
        return "other (JDK, threads outside the request path)";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        return prefixes.stream().anyMatch(name::startsWith);
    }

    private String report(int topMethods) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "CPU samples: %d; allocation samples weigh %.1f MB%n%n",
                cpuSamples,
                allocatedBytes / 1e6));
        out.append("CPU by layer (the deepest known frame of each sample; socket: the sampled method is the JDK's"
                + " socket code)\n");
        for (Map.Entry<String, Long> layer : sortedByValue(cpuByLayer)) {
            long socket = socketByLayer.getOrDefault(layer.getKey(), 0L);
            out.append(String.format(
                    Locale.ROOT,
                    "  %5.1f %%  %-48s %s%n",
                    percent(layer.getValue(), cpuSamples),
                    layer.getKey(),
                    socket == 0 ? "" : String.format(Locale.ROOT, "(socket %.1f %%)", percent(socket, cpuSamples))));
        }
        out.append("\nAllocated bytes by layer\n");
        for (Map.Entry<String, Long> layer : sortedByValue(bytesByLayer)) {
            out.append(String.format(
                    Locale.ROOT, "  %5.1f %%  %s%n", percent(layer.getValue(), allocatedBytes), layer.getKey()));
        }
        out.append("\nHottest sampled methods (self time)\n");
        sortedByValue(cpuByMethod).stream()
                .limit(topMethods)
                .forEach(method -> out.append(String.format(
                        Locale.ROOT, "  %5.1f %%  %s%n", percent(method.getValue(), cpuSamples), method.getKey())));
        out.append("\nAllocated bytes by class\n");
        sortedByValue(bytesByClass).stream()
                .limit(15)
                .forEach(type -> out.append(String.format(
                        Locale.ROOT, "  %5.1f %%  %s%n", percent(type.getValue(), allocatedBytes), type.getKey())));
        return out.toString();
    }

    private static List<Map.Entry<String, Long>> sortedByValue(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return entries;
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
