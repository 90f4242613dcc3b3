package dev.taskregistry.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.benchmarks.FeedCostBenchmark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one run of scripts/bench-all.sh (JMH JSON files, the Redis memory probe, the wrk results, the failover and
 * change-feed measurements) into the Markdown tables of docs/BENCHMARKS.md: every figure next to its yardstick from
 * the same run, and each target marked met or missed. Usage: {@code BenchmarkReport <results directory>}; prints to stdout.
 */
public final class BenchmarkReport {

    private static final Pattern COMMAND_STAT =
            Pattern.compile("^cmdstat_([a-z|]+):calls=(\\d+),usec=\\d+,usec_per_call=([0-9.]+)");
    private static final long SET_UP_CALLS = 10_000;
    private static final List<String> SCALE_COMMANDS = List.of("zrange", "mget", "zremrangebyscore", "exec", "time");
    private static final Pattern REDIS_RUN = Pattern.compile("redis-t(\\d+)-r(\\d+)-\\w+");
    private static final Pattern CLUSTER_RUN = Pattern.compile("cluster-t(\\d+)-r(\\d+)-\\w+");
    private static final Pattern FEED_RUN = Pattern.compile("feed-t(\\d+)-r(\\d+)");
    /** #12, point 5: a change with its event at least 0.85x the change without it. */
    private static final double FEED_TARGET = 0.85;

    private static final List<String[]> REDIS_PAIRS = List.of(
            new String[] {"find", "rawGet", "0.8"},
            new String[] {"register", "rawSetNew", "0.6"},
            new String[] {"update", "rawSetSame", "0.6"});
    private static final List<String> SCALE_METHODS = List.of("list", "listByStatus", "listFromMiddle", "stats");
    private static final List<String> NAIVE_METHODS = List.of("naiveList", "naiveListByStatus", "naiveStats");
    private static final double SCALE_TARGET = 2.0;

    private final Path results;
    private final List<JmhResult> jmh;
    private final StringBuilder out = new StringBuilder();

    private BenchmarkReport(Path results) {
        this.results = results;
        this.jmh = JmhResult.readAll(results.resolve("jmh"));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchmarkReport <results directory of scripts/bench-all.sh>");
            System.exit(2);
        }
        BenchmarkReport report = new BenchmarkReport(Path.of(args[0]));
        report.redisAdapter();
        report.cluster();
        report.feed();
        report.scale();
        report.inMemory();
        report.http();
        report.memory();
        report.feedLatency();
        System.out.print(report.out);
    }

    private void redisAdapter() {
        List<JmhResult> redis =
                jmh.stream().filter(r -> REDIS_RUN.matcher(r.run()).matches()).toList();
        if (redis.isEmpty()) {
            return;
        }
        line("### 1. Redis adapter vs raw Jedis (same Redis, same pool; ops/s, higher is better)");
        line("");
        line("Ratios are adapter/raw within one JMH run, the median over the rounds. \"Redis CPU\" is the");
        line("redis-server process during the measured iterations (`RedisCpuProfiler`, from /proc): % of one core");
        line("(100 = its command thread saturated) and CPU microseconds per operation.");
        line("");
        line(
                "| threads | adapter operation | adapter ops/s | raw operation | raw ops/s | ratio per round | ratio (median) | target | | Redis CPU % adapter / raw | Redis µs/op adapter / raw |");
        line("| ---: | --- | ---: | --- | ---: | --- | ---: | ---: | --- | ---: | ---: |");
        pairRows(redis, false);
        line("");
        commandStats(redis);
        List<JmhResult> codec = jmh.stream()
                .filter(r -> r.benchmark().startsWith("RedisCodecBenchmark"))
                .toList();
        if (!codec.isEmpty()) {
            line("Where the adapter's own CPU goes (`RedisCodecBenchmark`, no I/O; one running task's document):");
            line("");
            line("| operation | ns/op | bytes allocated/op |");
            line("| --- | ---: | ---: |");
            for (JmhResult result : codec) {
                line(
                        "| `%s` | %s | %s |",
                        result.method(), count(result.score()), count(result.secondary("gc.alloc.rate.norm")));
            }
            line("");
        }
    }

    /** The adapter on Redis Cluster against raw RedisClusterClient, and the failover windows. */
    private void cluster() throws IOException {
        List<JmhResult> cluster =
                jmh.stream().filter(r -> CLUSTER_RUN.matcher(r.run()).matches()).toList();
        List<Path> failover = failoverFiles();
        if (cluster.isEmpty() && failover.isEmpty()) {
            return;
        }
        line("### Redis Cluster");
        line("");
        if (!cluster.isEmpty()) {
            line(
                    "The adapter as the service connects to a cluster (`RedisTaskRepository.connect`, mode `cluster`) vs a raw");
            line(
                    "Jedis `RedisClusterClient` configured alike, on the same cluster of 3 masters and 3 replicas (ops/s, higher");
            line(
                    "is better). Ratios are adapter/raw within one JMH run, the median over the rounds. Every key of a registry");
            line("lies in one slot: \"master CPU\" is the busiest node during the measured iterations (the registry's");
            line("master, `RedisClusterCpuProfiler`), \"replica CPU\" the second busiest (its replica).");
            line("");
            line(
                    "| threads | adapter operation | adapter ops/s | raw operation | raw ops/s | ratio per round | ratio (median) | target | | master CPU % adapter / raw | master µs/op adapter / raw | replica CPU % adapter / raw |");
            line("| ---: | --- | ---: | --- | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: |");
            pairRows(cluster, true);
            line("");
            commandStats(cluster);
        }
        if (!failover.isEmpty()) {
            failoverWindows(failover);
        }
    }

    /**
     * FeedCostBenchmark: each change with its event against the same script without it, the variants taking turns
     * by iteration within one fork ({@link FeedCostBenchmark#variantOf}); then FeedEventProfile's tables.
     */
    private void feed() throws IOException {
        List<FeedRun> runs = feedRuns();
        Path profile = results.resolve("feed").resolve("feed-profile.txt");
        if (runs.isEmpty() && !Files.exists(profile)) {
            return;
        }
        line("### Change feed: the cost of an event");
        line("");
        if (!runs.isEmpty()) {
            line(
                    "`FeedCostBenchmark`: `register` and `update` through the adapter with the scripts as shipped (`events`)");
            line(
                    "and with the same scripts less their `XADD` (`noEvents`), taking turns by iteration in one fork (ABBA),");
            line(
                    "ops/s, higher is better. A round's ratio is the events iterations' mean over the noEvents iterations'");
            line("mean; the table gives the median over the rounds. Redis µs per `EVALSHA` and per `XADD` from `INFO");
            line(
                    "commandstats` around each measured iteration (`RedisCommandStatsProfiler`); Redis CPU µs per operation");
            line(
                    "from /proc (`RedisCpuProfiler`); medians over the rounds of each variant's mean. \"1-s pairs\": the median");
            line(
                    "of events/noEvents over every pair of neighbouring 1-second iterations of all rounds, less swayed by a");
            line("burst of others' load than a round's means.");
            line("");
            line(
                    "| threads | operation | events ops/s | noEvents ops/s | ratio per round | ratio (median) | 1-s pairs: median"
                            + " (pairs) | target | | Redis µs per EVALSHA events / noEvents | µs per XADD | Redis CPU µs/op events /"
                            + " noEvents |");
            line("| ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
            for (int threads : new TreeSet<>(runs.stream().map(FeedRun::threads).toList())) {
                for (String method : List.of("register", "update")) {
                    List<FeedRun> rounds = runs.stream()
                            .filter(r -> r.threads() == threads && r.method().equals(method))
                            .toList();
                    if (rounds.isEmpty()) {
                        continue;
                    }
                    List<Double> ratios = rounds.stream()
                            .map(r -> r.mean("score", 0) / r.mean("score", 1))
                            .toList();
                    double median = median(ratios);
                    List<Double> pairs = rounds.stream()
                            .flatMap(r -> r.pairRatios().stream())
                            .toList();
                    line(
                            "| %d | `%s` | %s | %s | %s | **%.2f** | %.2f (%d) | >= %.2f | %s | %.2f / %.2f | %.2f | %.1f / %.1f |",
                            threads,
                            method,
                            count(median(
                                    rounds.stream().map(r -> r.mean("score", 0)).toList())),
                            count(median(
                                    rounds.stream().map(r -> r.mean("score", 1)).toList())),
                            joined(ratios),
                            median,
                            pairs.isEmpty() ? Double.NaN : median(pairs),
                            pairs.size(),
                            FEED_TARGET,
                            verdict(median >= FEED_TARGET),
                            median(rounds.stream()
                                    .map(r -> r.mean("redis.evalsha_us", 0))
                                    .toList()),
                            median(rounds.stream()
                                    .map(r -> r.mean("redis.evalsha_us", 1))
                                    .toList()),
                            median(rounds.stream()
                                    .map(r -> r.mean("redis.xadd_us", 0))
                                    .toList()),
                            median(rounds.stream()
                                    .map(r -> r.mean("redis.us_per_op", 0))
                                    .toList()),
                            median(rounds.stream()
                                    .map(r -> r.mean("redis.us_per_op", 1))
                                    .toList()));
                }
            }
            line("");
        }
        if (Files.exists(profile)) {
            line("Where the event's cost goes (`FeedEventProfile`, one thread, each case on a full stream; `feed/`):");
            line("");
            Files.readAllLines(profile, StandardCharsets.UTF_8).forEach(l -> line("%s", l));
            line("");
        }
    }

    /**
     * One benchmark method of one feed-t&lt;threads&gt;-r&lt;round&gt; JSON: per measured iteration its variant and
     * its values (the primary score as {@code score}, each secondary metric by name).
     */
    private record FeedRun(
            String run, String method, int threads, List<Integer> variants, Map<String, List<Double>> values) {

        /**
         * events/noEvents of each pair of neighbouring measured iterations (0 and 1, 2 and 3, ...: under ABBA each pair
         * holds one of each, a second apart).
         */
        List<Double> pairRatios() {
            List<Double> series = values.getOrDefault("score", List.of());
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i + 1 < Math.min(series.size(), variants.size()); i += 2) {
                int events = variants.get(i) == 0 ? i : i + 1;
                int noEvents = events == i ? i + 1 : i;
                if (variants.get(events) == 0 && variants.get(noEvents) == 1) {
                    ratios.add(series.get(events) / series.get(noEvents));
                }
            }
            return ratios;
        }

        /** The mean of {@code metric} over the measured iterations of {@code variant}; NaN when there is none. */
        double mean(String metric, int variant) {
            List<Double> series = values.getOrDefault(metric, List.of());
            double sum = 0;
            int n = 0;
            for (int i = 0; i < Math.min(series.size(), variants.size()); i++) {
                if (variants.get(i) == variant) {
                    sum += series.get(i);
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }

    private List<FeedRun> feedRuns() throws IOException {
        Path directory = results.resolve("jmh");
        List<FeedRun> runs = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return runs;
        }
        List<Path> files;
        try (var listing = Files.list(directory)) {
            files = listing.filter(
                            f -> FEED_RUN.matcher(f.getFileName().toString().replaceFirst("\\.json$", ""))
                                            .matches()
                                    && f.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        ObjectMapper mapper = new ObjectMapper();
        for (Path file : files) {
            String run = file.getFileName().toString().replaceFirst("\\.json$", "");
            for (JsonNode entry : mapper.readTree(file.toFile())) {
                String benchmark = entry.path("benchmark").asText();
                int warmup = entry.path("warmupIterations").asInt();
                Map<String, List<Double>> values = new TreeMap<>();
                values.put("score", firstFork(entry.path("primaryMetric")));
                entry.path("secondaryMetrics")
                        .properties()
                        .forEach(metric -> values.put(metric.getKey(), firstFork(metric.getValue())));
                List<Integer> variants = new ArrayList<>();
                for (int i = 0; i < values.get("score").size(); i++) {
                    variants.add(FeedCostBenchmark.variantOf(warmup + i));
                }
                runs.add(new FeedRun(
                        run,
                        benchmark.substring(benchmark.lastIndexOf('.') + 1),
                        entry.path("threads").asInt(),
                        variants,
                        values));
            }
        }
        return runs;
    }

    /** The per-iteration values of a metric's first (only) fork. */
    private static List<Double> firstFork(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode value : metric.path("rawData").path(0)) {
            values.add(value.asDouble());
        }
        return values;
    }

    /** The FailoverWindow outputs of the run: failover.tsv (bench-all.sh's), then any other (e.g. with wait-replicas). */
    private List<Path> failoverFiles() throws IOException {
        Path directory = results.resolve("failover");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tsv"))
                    .sorted(java.util.Comparator.comparing(
                                    (Path f) -> !f.getFileName().toString().equals("failover.tsv"))
                            .thenComparing(Path::toString))
                    .toList();
        }
    }

    private void failoverWindows(List<Path> files) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                continue;
            }
            List<String> header = List.of(lines.getFirst().split("\t"));
            for (String row : lines.subList(1, lines.size())) {
                if (row.isBlank()) {
                    continue;
                }
                String[] cells = row.split("\t", -1);
                Map<String, String> byName = new java.util.HashMap<>();
                for (int i = 0; i < header.size() && i < cells.length; i++) {
                    byName.put(header.get(i), cells[i]);
                }
                rows.add(byName);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        line("Failover windows (`FailoverWindow`): writers registering and updating through the repository while the");
        line("master of the registry fails over, each fault on a deployment of its own; median / max over the");
        line("repetitions, times in ms. \"Unavailable\" is the first to the last call that failed with");
        line("`TaskStoreUnavailable` (a 503 in the service); \"no success\" the longest time in which no call of any");
        line("writer succeeded; \"other errors\" any other failure (`TaskNotFound`, `ConcurrentTaskUpdate`: a write");
        line(
                "acknowledged before the fault and lost in it); \"settled\" the fault from its start until the deployment");
        line("is healthy again.");
        line("");
        line(
                "| deployment | fault | reps | unavailable ms | unavailable calls | no success ms | longest call ms | other errors | calls | settled ms |");
        line("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Map<String, List<Map<String, String>>> byFault = new java.util.LinkedHashMap<>();
        rows.forEach(r -> byFault.computeIfAbsent(r.get("deployment") + " | " + r.get("fault"), k -> new ArrayList<>())
                .add(r));
        Map<String, Long> failures = new java.util.LinkedHashMap<>();
        byFault.forEach((fault, list) -> {
            line(
                    "| %s | %d | %s | %s | %s | %s | %s | %s | %s |",
                    fault,
                    list.size(),
                    medianMax(list, "window_ms"),
                    medianMax(list, "unavailable"),
                    medianMax(list, "no_success_gap_ms"),
                    medianMax(list, "longest_ms"),
                    medianMax(list, "other_errors"),
                    medianMax(list, "calls"),
                    medianMax(list, "fault_settled_ms"));
            for (Map<String, String> row : list) {
                String seen = row.getOrDefault("failures", "-");
                if (seen.equals("-") || seen.isBlank()) {
                    continue;
                }
                // "3x what; 1x other": a count starts each entry (a failure's own text may hold "; ").
                for (String entry : seen.split("; (?=\\d+x )")) {
                    int x = entry.indexOf("x ");
                    String what = fault + "\t" + entry.substring(x + 2).replaceAll("'[^']*'", "'...'");
                    failures.merge(what, Long.parseLong(entry.substring(0, x)), Long::sum);
                }
            }
        });
        line("");
        if (!failures.isEmpty()) {
            line("What the failed calls said, over all repetitions:");
            line("");
            line("| deployment | fault | failure | calls |");
            line("| --- | --- | --- | ---: |");
            failures.forEach((what, n) ->
                    line("| %s | %s | %d |", what.split("\t")[0], what.split("\t")[1].replace("|", "\\|"), n));
            line("");
        }
    }

    /** The change feed through the running service (FeedLatency): event latency and memory per idle stream. */
    private void feedLatency() throws IOException {
        Path directory = results.resolve("feed-latency");
        Path latency = directory.resolve("latency.tsv");
        Path memory = directory.resolve("memory.tsv");
        if (Files.isRegularFile(latency)) {
            List<Map<String, String>> rows = namedRows(latency);
            if (!rows.isEmpty()) {
                line("### Change feed: event latency (`FeedLatency`; ms, lower is better)");
                line("");
                line(
                        "From the moment the writer had worker 1's answer to a change (register or progress) to the moment");
                line(
                        "its event (task id and version) arrived on a `GET /events` stream: on worker 2 (\"other worker\",");
                line(
                        "through the store) and on worker 1 (\"same worker\"), both open during the same changes; negative:");
                line(
                        "the event came before the answer. \"From request\": from the moment the change was sent. Median over");
                line("the repetitions (range in brackets); max: the largest of any repetition.");
                line("");
                line(
                        "| store | subscriber | pacing | reps | changes | changes/s | p50 | p90 | p99 | max | from request p50 | from request p99 | missing | duplicates | out of order | call p50 | load average |");
                line(
                        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                Map<String, List<Map<String, String>>> byKind = new java.util.LinkedHashMap<>();
                rows.forEach(r -> byKind.computeIfAbsent(
                                r.get("store") + " | " + r.get("subscriber") + " | " + r.get("pacing"),
                                k -> new ArrayList<>())
                        .add(r));
                byKind.forEach((kind, list) -> line(
                        "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
                        kind,
                        list.size(),
                        count(sum(list, "changes")),
                        count(median(values(list, "changes_per_s"))),
                        medianRange(list, "p50_ms"),
                        medianRange(list, "p90_ms"),
                        medianRange(list, "p99_ms"),
                        String.format(Locale.ROOT, "%.1f", max(list, "max_ms")),
                        medianRange(list, "from_request_p50_ms"),
                        medianRange(list, "from_request_p99_ms"),
                        count(sum(list, "missing")),
                        count(sum(list, "duplicates")),
                        count(sum(list, "out_of_order")),
                        String.format(Locale.ROOT, "%.2f", median(values(list, "call_p50_ms"))),
                        rangeOf(list, "load_1m")));
                line("");
            }
        }
        if (Files.isRegularFile(memory)) {
            List<Map<String, String>> rows = namedRows(memory);
            if (!rows.isEmpty()) {
                line("### Change feed: memory per idle subscriber (`FeedLatency`)");
                line("");
                line(
                        "One fresh worker per row and repetition: its live heap (`jcmd GC.class_histogram`, after a full GC) and");
                line(
                        "VmRSS before and with K idle `GET /events` streams open, (open - before) / K; then the streams closed and");
                line(
                        "the time until `taskregistry_feed_subscribers` and `taskregistry_feed_subscriptions` are 0 again. Median");
                line("over the repetitions (range in brackets).");
                line("");
                line(
                        "| store | idle streams | reps | -Xmx | live heap B/stream | RSS B/stream | live heap MiB before / open / closed | threads before / open | gauges 0 after ms | gauges after closing | load average |");
                line("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
                Map<String, List<Map<String, String>>> byKind = new java.util.LinkedHashMap<>();
                rows.forEach(
                        r -> byKind.computeIfAbsent(r.get("store") + "\t" + r.get("streams"), k -> new ArrayList<>())
                                .add(r));
                byKind.forEach((kind, list) -> {
                    boolean released = list.stream()
                            .allMatch(r -> Double.parseDouble(r.get("subscribers_closed")) == 0
                                    && Double.parseDouble(r.get("subscriptions_closed")) == 0);
                    line(
                            "| %s | %s | %d | %s | %s | %s | %.1f / %.1f / %.1f | %s / %s | %s | %s | %s |",
                            kind.split("\t")[0],
                            count(Double.parseDouble(kind.split("\t")[1])),
                            list.size(),
                            list.getFirst().get("xmx"),
                            medianRangeCount(list, "heap_bytes_per_stream"),
                            medianRangeCount(list, "rss_bytes_per_stream"),
                            median(values(list, "live_heap_base")) / 1048576,
                            median(values(list, "live_heap_open")) / 1048576,
                            median(values(list, "live_heap_closed")) / 1048576,
                            count(median(values(list, "threads_base"))),
                            count(median(values(list, "threads_open"))),
                            medianMax(list, "release_ms"),
                            released ? "0 and 0" : "**not released**",
                            rangeOf(list, "load_1m"));
                });
                line("");
            }
        }
    }

    private static List<Map<String, String>> namedRows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = List.of(lines.getFirst().split("\t"));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String row : lines.subList(1, lines.size())) {
            if (row.isBlank()) {
                continue;
            }
            String[] cells = row.split("\t", -1);
            Map<String, String> byName = new java.util.HashMap<>();
            for (int i = 0; i < header.size() && i < cells.length; i++) {
                byName.put(header.get(i), cells[i]);
            }
            rows.add(byName);
        }
        return rows;
    }

    private static List<Double> values(List<Map<String, String>> rows, String column) {
        return rows.stream()
                .map(r -> r.getOrDefault(column, "-"))
                .filter(v -> !v.equals("-") && !v.isBlank())
                .map(Double::parseDouble)
                .toList();
    }

    private static double sum(List<Map<String, String>> rows, String column) {
        return values(rows, column).stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double max(List<Map<String, String>> rows, String column) {
        return values(rows, column).stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(Double.NaN);
    }

    /** "median (min–max)" with two decimals. */
    private static String medianRange(List<Map<String, String>> rows, String column) {
        List<Double> values = values(rows, column);
        if (values.isEmpty()) {
            return "-";
        }
        return String.format(
                Locale.ROOT,
                "%.2f (%.2f–%.2f)",
                median(values),
                values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    /** "min–max" with one decimal, or "-" when the column is absent. */
    private static String rangeOf(List<Map<String, String>> rows, String column) {
        List<Double> values = values(rows, column);
        if (values.isEmpty()) {
            return "-";
        }
        return String.format(
                Locale.ROOT,
                "%.1f–%.1f",
                values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    /** "median (min–max)" as whole numbers. */
    private static String medianRangeCount(List<Map<String, String>> rows, String column) {
        List<Double> values = values(rows, column);
        if (values.isEmpty()) {
            return "-";
        }
        return count(median(values)) + " ("
                + count(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) + "–"
                + count(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()) + ")";
    }

    /** Two decimals; three when two would show a missed target as reached (0.597 is not 0.60). */
    private static String ratioText(double ratio, double target) {
        String shown = String.format(Locale.ROOT, "%.2f", ratio);
        return ratio < target && Double.parseDouble(shown) >= target
                ? String.format(Locale.ROOT, "%.3f", ratio)
                : shown;
    }

    private static String medianMax(List<Map<String, String>> rows, String column) {
        List<Double> values = rows.stream()
                .map(r -> r.getOrDefault(column, "-"))
                .filter(v -> !v.equals("-") && !v.isBlank())
                .map(Double::parseDouble)
                .toList();
        if (values.isEmpty()) {
            return "-";
        }
        return String.format(
                Locale.ROOT,
                "%s / %s",
                count(median(values)),
                count(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
    }

    /** One row per thread count and adapter/raw pair: scores, the ratio of each round, their median, the verdict. */
    private void pairRows(List<JmhResult> redis, boolean cluster) {
        for (int threads : new TreeSet<>(redis.stream().map(JmhResult::threads).toList())) {
            for (String[] pair : REDIS_PAIRS) {
                List<Double> ratios = new ArrayList<>();
                List<JmhResult> adapters = new ArrayList<>();
                List<JmhResult> raws = new ArrayList<>();
                for (String run : new TreeSet<>(redis.stream()
                        .filter(r -> r.threads() == threads)
                        .map(JmhResult::run)
                        .toList())) {
                    Optional<JmhResult> adapter = find(run, pair[0], 0);
                    Optional<JmhResult> raw = find(run, pair[1], 0);
                    if (adapter.isPresent() && raw.isPresent()) {
                        adapters.add(adapter.get());
                        raws.add(raw.get());
                        ratios.add(adapter.get().score() / raw.get().score());
                    }
                }
                if (ratios.isEmpty()) {
                    continue;
                }
                double median = median(ratios);
                double target = Double.parseDouble(pair[2]);
                line(
                        "| %d | `%s`%s | %s | `%s` | %s | %s | **%s** | >= %.1f | %s | %.0f / %.0f | %.1f / %.1f |"
                                + (cluster
                                        ? String.format(
                                                Locale.ROOT,
                                                " %.0f / %.0f |",
                                                median(secondaries(adapters, "redis.replica_cpu")),
                                                median(secondaries(raws, "redis.replica_cpu")))
                                        : ""),
                        threads,
                        pair[0],
                        pair.length > 3 ? " " + pair[3] : "",
                        count(median(scores(adapters))),
                        pair[1],
                        count(median(scores(raws))),
                        joined(ratios),
                        ratioText(median, target),
                        target,
                        verdict(median >= target),
                        median(secondaries(adapters, "redis.cpu")),
                        median(secondaries(raws, "redis.cpu")),
                        median(secondaries(adapters, "redis.us_per_op")),
                        median(secondaries(raws, "redis.us_per_op")));
            }
        }
    }

    /** INFO commandstats of the first round's runs: Redis' own time per command, script-invoked ones included. */
    private void commandStats(List<JmhResult> redis) {
        List<String> runs = new TreeSet<>(redis.stream()
                        .map(JmhResult::run)
                        .filter(r -> r.contains("-r1-") && !r.endsWith("-find"))
                        .toList())
                .stream().toList();
        List<String> rows = new ArrayList<>();
        for (String run : runs) {
            Path file = results.resolve("jmh/" + run + ".commandstats");
            if (!Files.exists(file)) {
                continue;
            }
            try {
                for (String stat : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher m = COMMAND_STAT.matcher(stat);
                    // Skips the few calls of the set-up (registering the tasks the benchmark reads or updates).
                    if (m.find() && Long.parseLong(m.group(2)) >= SET_UP_CALLS) {
                        rows.add(String.format(
                                Locale.ROOT,
                                "| %s | `%s` | %s | %s |",
                                run,
                                m.group(1),
                                count(Double.parseDouble(m.group(2))),
                                m.group(3)));
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        line(
                "Redis' own time per command in the first round of `register` and `update` (`INFO commandstats` over each");
        line("whole JMH run, warm-up included, adapter and raw benchmark together: `set` counts both the raw SETs and");
        line("the scripts' SETs; `evalsha` includes the commands its script runs, which are also counted on their");
        line("own lines):");
        line("");
        line("| run | command | calls | µs per call |");
        line("| --- | --- | ---: | ---: |");
        rows.forEach(this::line);
        line("");
    }

    /** Redis' own time per call of the commands listing and stats send, at each size: free of client noise. */
    private void scaleCommandStats(TreeSet<Integer> sizes) {
        Map<String, Map<Integer, String>> perCommand = new java.util.LinkedHashMap<>();
        for (String command : SCALE_COMMANDS) {
            perCommand.put(command, new java.util.HashMap<>());
        }
        for (int size : sizes) {
            Path file = results.resolve("jmh/scale-" + size + ".commandstats");
            if (!Files.exists(file)) {
                return;
            }
            try {
                for (String stat : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher m = COMMAND_STAT.matcher(stat);
                    if (m.find() && perCommand.containsKey(m.group(1))) {
                        perCommand.get(m.group(1)).put(size, m.group(3));
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        line("Redis' own time per call of the commands `list` and `stats` send (`INFO commandstats` over each size's");
        line("run; `exec` is the stats transaction of ZREMRANGEBYSCORE + ZCARD per index), which no client-side noise");
        line("reaches:");
        line("");
        StringBuilder header = new StringBuilder("| command |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (int size : sizes) {
            header.append(" ").append(sizeText(size)).append(" µs |");
            rule.append(" ---: |");
        }
        line(header.toString());
        line(rule.toString());
        perCommand.forEach((command, bySize) -> {
            StringBuilder row = new StringBuilder("| `" + command + "` |");
            sizes.forEach(size ->
                    row.append(" ").append(bySize.getOrDefault(size, "-")).append(" |"));
            line(row.toString());
        });
        line("");
    }

    private static List<Double> scores(List<JmhResult> results) {
        return results.stream().map(JmhResult::score).toList();
    }

    private static List<Double> secondaries(List<JmhResult> results, String name) {
        return results.stream().map(r -> r.secondary(name)).toList();
    }

    private void scale() {
        List<JmhResult> scale =
                jmh.stream().filter(r -> r.run().startsWith("scale-")).toList();
        if (scale.isEmpty()) {
            return;
        }
        TreeSet<Integer> sizes =
                new TreeSet<>(scale.stream().map(JmhResult::liveTasks).toList());
        int smallest = sizes.first();
        int largest = sizes.last();
        line("### 2. Scale: Redis adapter at %s live tasks (µs per call, lower is better)", sizesText(sizes));
        line("");
        line("`rawGet` (one GET of a task document) is the yardstick measured in the same JMH run at each size;");
        line("\"in GETs\" is a figure divided by it, which cancels machine noise between the runs of different sizes.");
        line("");
        StringBuilder header = new StringBuilder("| operation |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (int size : sizes) {
            header.append(" ").append(sizeText(size)).append(" µs (in GETs) |");
            rule.append(" ---: |");
        }
        line(
                header + " %s/%s µs | %s/%s in GETs | target | |",
                sizeText(largest),
                sizeText(smallest),
                sizeText(largest),
                sizeText(smallest));
        line(rule + " ---: | ---: | ---: | --- |");
        for (String method : concat(SCALE_METHODS, List.of("rawGet"))) {
            StringBuilder row = new StringBuilder("| `" + method + "` |");
            for (int size : sizes) {
                Optional<JmhResult> result = findAny(scale, "RedisScaleBenchmark." + method, size);
                Optional<JmhResult> yardstick = findAny(scale, "RedisScaleBenchmark.rawGet", size);
                row.append(result.map(r -> String.format(
                                Locale.ROOT,
                                " %.0f (%.1f) |",
                                r.score(),
                                r.score() / yardstick.map(JmhResult::score).orElse(Double.NaN)))
                        .orElse(" - |"));
            }
            Optional<Double> plain = ratio(scale, "RedisScaleBenchmark." + method, largest, smallest, false);
            Optional<Double> normalized = ratio(scale, "RedisScaleBenchmark." + method, largest, smallest, true);
            boolean targeted = SCALE_METHODS.contains(method);
            row.append(plain.map(r -> String.format(Locale.ROOT, " %.2f |", r)).orElse(" - |"))
                    .append(normalized
                            .map(r -> String.format(Locale.ROOT, " **%.2f** |", r))
                            .orElse(" - |"))
                    .append(targeted ? " <= 2 |" : " |")
                    .append(targeted ? " " + verdict(plain.orElse(99.0) <= SCALE_TARGET) + " |" : " |");
            line(row.toString());
        }
        line("");
        scaleCommandStats(sizes);
        List<JmhResult> naive = scale.stream()
                .filter(r -> r.benchmark().startsWith("NaiveRedisScaleBenchmark"))
                .toList();
        if (!naive.isEmpty()) {
            TreeSet<Integer> naiveSizes =
                    new TreeSet<>(naive.stream().map(JmhResult::liveTasks).toList());
            line(
                    "The naive design of the original (KEYS over the task prefix, one GET per key, filtering, sorting and");
            line(
                    "counting in the client), written inside the benchmark only, on the same registries in the same runs:");
            line("");
            StringBuilder naiveHeader = new StringBuilder("| operation |");
            StringBuilder naiveRule = new StringBuilder("| --- |");
            for (int size : naiveSizes) {
                naiveHeader.append(" ").append(sizeText(size)).append(" µs (x ours) |");
                naiveRule.append(" ---: |");
            }
            line(naiveHeader.toString());
            line(naiveRule.toString());
            for (int i = 0; i < NAIVE_METHODS.size(); i++) {
                String method = NAIVE_METHODS.get(i);
                String ours = SCALE_METHODS.get(i == 2 ? 3 : i);
                StringBuilder row = new StringBuilder("| `" + method + "` vs `" + ours + "` |");
                for (int size : naiveSizes) {
                    Optional<JmhResult> slow = findAny(naive, "NaiveRedisScaleBenchmark." + method, size);
                    Optional<JmhResult> fast = findAny(scale, "RedisScaleBenchmark." + ours, size);
                    row.append(slow.map(s -> String.format(
                                    Locale.ROOT,
                                    " %s (%s) |",
                                    count(s.score()),
                                    fast.map(f -> String.format(Locale.ROOT, "%,.0fx", s.score() / f.score()))
                                            .orElse("-")))
                            .orElse(" - |"));
                }
                line(row.toString());
            }
            line("");
        }
    }

    private void inMemory() {
        List<JmhResult> memory = jmh.stream()
                .filter(r -> r.benchmark().startsWith("InMemoryAdapterBenchmark"))
                .toList();
        if (memory.isEmpty()) {
            return;
        }
        TreeSet<Integer> threadCounts =
                new TreeSet<>(memory.stream().map(JmhResult::threads).toList());
        line("### 3. In-memory adapter (ops/s, higher is better; 10,000 live tasks)");
        line("");
        StringBuilder header = new StringBuilder("| operation |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (int threads : threadCounts) {
            header.append(" ").append(threads).append(threads == 1 ? " thread |" : " threads |");
            rule.append(" ---: |");
        }
        line(header.toString());
        line(rule.toString());
        for (String method :
                List.of("find", "register", "update", "list", "listByStatus", "stats", "mapGet", "mapPut")) {
            StringBuilder row = new StringBuilder("| `" + method + "` |");
            for (int threads : threadCounts) {
                row.append(findAny(memory, "InMemoryAdapterBenchmark." + method, 0, threads)
                        .map(r -> " " + count(r.score()) + " |")
                        .orElse(" - |"));
            }
            line(row.toString());
        }
        for (String[] pair : List.of(new String[] {"find", "mapGet"}, new String[] {"update", "mapPut"})) {
            StringBuilder row = new StringBuilder("| ratio `" + pair[0] + "` / `" + pair[1] + "` |");
            for (int threads : threadCounts) {
                Optional<JmhResult> a = findAny(memory, "InMemoryAdapterBenchmark." + pair[0], 0, threads);
                Optional<JmhResult> b = findAny(memory, "InMemoryAdapterBenchmark." + pair[1], 0, threads);
                row.append(
                        a.isPresent() && b.isPresent()
                                ? String.format(
                                        Locale.ROOT,
                                        " %.2f |",
                                        a.get().score() / b.get().score())
                                : " - |");
            }
            line(row.toString());
        }
        line("");
    }

    private void http() throws IOException {
        Path file = results.resolve("http/results.tsv");
        if (!Files.exists(file)) {
            return;
        }
        List<String[]> rows = tsv(file);
        Map<String, String> targets = Map.of("inmemory", "0.7", "redis", "0.6");
        line("### 4. HTTP API under wrk (50 connections, 2 wrk threads; requests/s, higher is better)");
        line("");
        line("Each endpoint as a ratio to `GET /health/live` (the service's cheapest endpoint), the mean of its runs");
        line("just before and after, in the same service process. Variants of the same jar: `as-shipped`;");
        line("`tcp-no-delay` (`-Dserver.connection-options.tcp-no-delay=true`); `tcp-no-delay+pinned-mappers` (also");
        line("the global `MapperManager` pinned at start-up, `benchmarks/http/ServiceWithPinnedMappers.java`).");
        line("");
        line(
                "| store | variant | endpoint | requests/s | ratio to /health/live | p50 ms | p99 ms | non-2xx | target | |");
        line("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        List<String> runs = new ArrayList<>();
        rows.forEach(r -> {
            if (!runs.contains(r[0] + "\t" + r[1])) {
                runs.add(r[0] + "\t" + r[1]);
            }
        });
        for (String run : runs) {
            List<String[]> own =
                    rows.stream().filter(r -> run.equals(r[0] + "\t" + r[1])).toList();
            double live = own.stream()
                    .filter(r -> r[2].equals("GET /health/live"))
                    .mapToDouble(r -> Double.parseDouble(r[3]))
                    .average()
                    .orElse(Double.NaN);
            for (String[] row : own) {
                double rps = Double.parseDouble(row[3]);
                boolean isLive = row[2].equals("GET /health/live");
                boolean targeted = row[2].equals("GET /tasks/{id}");
                double ratio = rps / live;
                double target = Double.parseDouble(targets.getOrDefault(row[0], "0"));
                line(
                        "| %s | %s | `%s` | %s | %s | %s | %s | %s | %s | %s |",
                        row[0],
                        row[1],
                        row[2],
                        count(rps),
                        isLive ? "(yardstick)" : String.format(Locale.ROOT, "**%.2f**", ratio),
                        row[4],
                        row[5],
                        row[6],
                        targeted ? ">= " + target : "",
                        targeted ? httpVerdict(ratio, target) : "");
            }
        }
        line("");
        Path rss = results.resolve("http/rss.tsv");
        if (Files.exists(rss)) {
            line("Resident memory of the service (VmRSS from /proc/<pid>/status; default JVM heap settings):");
            line("");
            line("| store | variant | idle after start-up MiB | under load (max) MiB | 5 s after the load MiB |");
            line("| --- | --- | ---: | ---: | ---: |");
            for (String[] row : tsv(rss)) {
                line("| %s | %s | %.0f | %.0f | %.0f |", row[0], row[1], kib(row[2]), kib(row[3]), kib(row[4]));
            }
            line("");
        }
    }

    private void memory() throws IOException {
        Path file = results.resolve("memory/redis-memory.tsv");
        if (!Files.exists(file)) {
            return;
        }
        line("### 5. Redis memory per task");
        line("");
        line("`MEMORY USAGE` of a task document plus its share of the three sorted sets it is in (`idx:all`, its");
        line("status index, its type index: `MEMORY USAGE ... SAMPLES 0` divided by `ZCARD`), and the whole");
        line("server's `used_memory` growth divided by the number of tasks.");
        line("");
        line(
                "| live tasks | document, running (B) | document, completed (B) | index entries (B) | per task (B) | used_memory growth / task (B) |");
        line("| ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String[] row : tsv(file)) {
            int size = Integer.parseInt(row[0]);
            double usedGrowth = (Double.parseDouble(row[1]) - Double.parseDouble(row[2])) / size;
            double running = Double.parseDouble(row[3]);
            double completed = Double.parseDouble(row[4]);
            double indexes = Double.parseDouble(row[5]) / Double.parseDouble(row[6])
                    + Double.parseDouble(row[7]) / Double.parseDouble(row[8])
                    + Double.parseDouble(row[9]) / Double.parseDouble(row[10]);
            line(
                    "| %s | %.0f | %.0f | %.0f | **%.0f** | %.0f |",
                    count(size), running, completed, indexes, (running + completed) / 2 + indexes, usedGrowth);
        }
        line("");
    }

    private Optional<JmhResult> find(String run, String method, int liveTasks) {
        return jmh.stream()
                .filter(r -> r.run().equals(run) && r.method().equals(method) && r.liveTasks() == liveTasks)
                .findFirst();
    }

    private static Optional<JmhResult> findAny(List<JmhResult> results, String benchmark, int liveTasks) {
        return results.stream()
                .filter(r -> r.benchmark().equals(benchmark) && r.liveTasks() == liveTasks)
                .findFirst();
    }

    private static Optional<JmhResult> findAny(List<JmhResult> results, String benchmark, int liveTasks, int threads) {
        return results.stream()
                .filter(r -> r.benchmark().equals(benchmark) && r.liveTasks() == liveTasks && r.threads() == threads)
                .findFirst();
    }

    private static Optional<Double> ratio(
            List<JmhResult> results, String benchmark, int large, int small, boolean normalized) {
        Optional<JmhResult> big = findAny(results, benchmark, large);
        Optional<JmhResult> little = findAny(results, benchmark, small);
        if (big.isEmpty() || little.isEmpty()) {
            return Optional.empty();
        }
        double plain = big.get().score() / little.get().score();
        if (!normalized) {
            return Optional.of(plain);
        }
        Optional<JmhResult> bigGet = findAny(results, "RedisScaleBenchmark.rawGet", large);
        Optional<JmhResult> littleGet = findAny(results, "RedisScaleBenchmark.rawGet", small);
        if (bigGet.isEmpty() || littleGet.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(plain / (bigGet.get().score() / littleGet.get().score()));
    }

    private static List<String[]> tsv(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .skip(1)
                .map(l -> l.split("\t"))
                .toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String joined(List<Double> ratios) {
        return String.join(
                ", ",
                ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
    }

    /** A ratio above 1 means the yardstick was slower than a real endpoint: it is then no yardstick. */
    private static String httpVerdict(double ratio, double target) {
        return ratio > 1 ? "n/a: yardstick slower than the endpoint" : verdict(ratio >= target);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    private static double kib(String value) {
        return Double.parseDouble(value) / 1024;
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String sizeText(int size) {
        return size >= 1_000_000 ? size / 1_000_000 + "M" : size >= 1000 ? size / 1000 + "k" : String.valueOf(size);
    }

    private static String sizesText(TreeSet<Integer> sizes) {
        return String.join(", ", sizes.stream().map(BenchmarkReport::sizeText).toList());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private void line(String format, Object... args) {
        out.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args))
                .append('\n');
    }
}
