package dev.taskregistry.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One score of a JMH JSON result file.
 *
 * @param run        the file's name without {@code .json}: which invocation (and round) measured it
 * @param benchmark  class and method, e.g. {@code RedisAdapterBenchmark.find}
 * @param liveTasks  the {@code liveTasks} parameter, 0 when the benchmark has none
 * @param secondary  the scores of secondary metrics (profilers), by name, e.g. {@code redis.cpu}
 */
record JmhResult(
        String run,
        String benchmark,
        int threads,
        int liveTasks,
        double score,
        double error,
        String unit,
        Map<String, Double> secondary) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<JmhResult> readAll(Path directory) {
        List<JmhResult> results = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return results;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                results.addAll(read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results;
    }

    private static List<JmhResult> read(Path file) throws IOException {
        String run = file.getFileName().toString().replaceFirst("\\.json$", "");
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode entry : MAPPER.readTree(file.toFile())) {
            String[] name = entry.path("benchmark").asText().split("\\.");
            JsonNode metric = entry.path("primaryMetric");
            double error = metric.path("scoreError").isNumber()
                    ? metric.path("scoreError").asDouble()
                    : Double.NaN;
            Map<String, Double> secondary = new TreeMap<>();
            entry.path("secondaryMetrics")
                    .properties()
                    .forEach(field -> secondary.put(
                            field.getKey(), field.getValue().path("score").asDouble()));
            results.add(new JmhResult(
                    run,
                    name[name.length - 2] + "." + name[name.length - 1],
                    entry.path("threads").asInt(),
                    entry.path("params").path("liveTasks").asInt(0),
                    metric.path("score").asDouble(),
                    error,
                    metric.path("scoreUnit").asText(),
                    secondary));
        }
        return results;
    }

    /** A secondary metric's score, NaN when the run did not measure it. */
    double secondary(String name) {
        return secondary.getOrDefault(name, Double.NaN);
    }

    String method() {
        return benchmark.substring(benchmark.indexOf('.') + 1);
    }
}
