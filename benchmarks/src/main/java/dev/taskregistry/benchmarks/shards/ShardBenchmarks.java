package dev.taskregistry.benchmarks.shards;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sharded registry on the benchmark cluster (issue #14, point 4; docs/BENCHMARKS.md "Sharded registry"):
 * registrations per second and each master's CPU at S = 1 and 12 ({@link ShardRegisterRun}), listing and stats at
 * 1k to 1M tasks and bytes per task at S = 1, 12 and 48 ({@link ShardScaleRun}). Writes {@code register.tsv},
 * {@code latency.tsv}, {@code memory.tsv} and {@code summary.md} into {@code --out}. scripts/bench-all.sh
 * {@code --only shards} runs it on a cluster of its own.
 *
 * <pre>
 * ShardBenchmarks --out DIR [--parts register,scale] [--sizes 1000,100000,1000000] [--layouts 1,12,48]
 *                 [--rounds 3] [--threads 8] [--register-seconds 8] [--cell-seconds 3]
 * </pre>
 */
public final class ShardBenchmarks {

    private ShardBenchmarks() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("parts", "register,scale");
        options.put("sizes", "1000,100000,1000000");
        options.put("layouts", "1,12,48");
        options.put("rounds", "3");
        options.put("threads", "8");
        options.put("register-seconds", "8");
        options.put("cell-seconds", "3");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2)) && !args[i].equals("--out")) {
                System.err.println("unknown option " + args[i] + " (see ShardBenchmarks' javadoc)");
                System.exit(2);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("out")) {
            System.err.println(
                    "usage: ShardBenchmarks --out DIR [--parts register,scale] [--sizes ...] [--layouts ...]");
            System.exit(2);
        }
        Path out = Path.of(options.get("out"));
        Files.createDirectories(out);
        List<String> parts = List.of(options.get("parts").split(","));
        int rounds = Integer.parseInt(options.get("rounds"));
        ShardCluster cluster = new ShardCluster();
        PrintStream console = System.out;
        ShardSummary summary = new ShardSummary();

        if (parts.contains("register")) {
            cluster.flush();
            ShardRegisterRun run = new ShardRegisterRun(
                    cluster,
                    Integer.parseInt(options.get("threads")),
                    2,
                    Double.parseDouble(options.get("register-seconds")));
            List<ShardRegisterRun.Row> rows = run.run(ShardRegisterRun.registries(), rounds, console);
            cluster.flush();
            Files.write(out.resolve("register.tsv"), registerTsv(rows));
            summary.register(rows, Integer.parseInt(options.get("threads")));
        }
        if (parts.contains("scale")) {
            ShardScaleRun run = new ShardScaleRun(cluster, Double.parseDouble(options.get("cell-seconds")));
            run.run(integers(options.get("sizes")), integers(options.get("layouts")), rounds, console);
            Files.write(out.resolve("latency.tsv"), latencyTsv(run.latencies));
            Files.write(out.resolve("memory.tsv"), memoryTsv(run.memory));
            summary.scale(run.latencies, run.memory);
        }
        Files.writeString(out.resolve("summary.md"), summary.toString());
        console.println();
        console.print(summary);
    }

    private static List<Integer> integers(String list) {
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .map(Integer::parseInt)
                .toList();
    }

    private static List<String> registerTsv(List<ShardRegisterRun.Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("round\tregistry\tshards\tbalanced\tseconds\tcalls\tops_per_s\terrors\tmaster_cpu_percent"
                + "\tcpu_spread\tmaster_evalsha_ms\tevalsha_spread\tfirst_error");
        for (ShardRegisterRun.Row row : rows) {
            lines.add(String.join(
                    "\t",
                    String.valueOf(row.round()),
                    row.registry().label(),
                    String.valueOf(row.registry().shards()),
                    String.valueOf(row.registry().balanced()),
                    String.format("%.2f", row.seconds()),
                    String.valueOf(row.calls()),
                    String.format("%.0f", row.opsPerSecond()),
                    String.valueOf(row.errors()),
                    ShardRegisterRun.format(row.cpuPercent()),
                    String.format("%.3f", Latencies.spread(row.cpuPercent())),
                    ShardRegisterRun.format(row.evalshaMillis()),
                    String.format("%.3f", Latencies.spread(row.evalshaMillis())),
                    row.firstError()));
        }
        return lines;
    }

    private static List<String> latencyTsv(List<ShardScaleRun.LatencyRow> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("tasks\tshards\toperation\tround\tcalls\terrors\tmedian_us\tp99_us\tcommands_per_call");
        for (ShardScaleRun.LatencyRow row : rows) {
            lines.add(String.format(
                    "%d\t%d\t%s\t%d\t%d\t%d\t%.1f\t%.1f\t%s",
                    row.size(),
                    row.shards(),
                    row.operation().label,
                    row.round(),
                    row.calls(),
                    row.errors(),
                    row.medianMicros(),
                    row.p99Micros(),
                    row.commandsPerCall()));
        }
        return lines;
    }

    private static List<String> memoryTsv(List<ShardScaleRun.MemoryRow> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("tasks\tshards\tused_memory_delta\tper_master\tstream_bytes\tload_seconds\tnote");
        for (ShardScaleRun.MemoryRow row : rows) {
            lines.add(String.format(
                    "%d\t%d\t%d\t%s\t%d\t%.1f\t%s",
                    row.size(),
                    row.shards(),
                    row.total(),
                    Arrays.toString(row.perMaster()),
                    row.streamBytes(),
                    row.loadSeconds(),
                    row.note()));
        }
        return lines;
    }
}
