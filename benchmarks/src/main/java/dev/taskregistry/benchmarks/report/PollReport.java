package dev.taskregistry.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The tables of a scripts/bench-poll.sh run: per variant, each load's median over the rounds, then #16's targets as
 * ratios taken within each round (the loads of a round ran seconds apart) and their median, then the fresh
 * instances. Usage: {@code PollReport <output directory of bench-poll.sh>}; prints Markdown.
 */
public final class PollReport {

    private static final List<String> LOADS = List.of("live", "get-redis", "webdis", "get-inmemory", "live-inmemory");
    private static final Map<String, String> LOAD_NAMES = Map.of(
            "live", "`GET /health/live` (service on Redis)",
            "get-redis", "`GET /tasks/{id}` on Redis",
            "webdis", "webdis `GET /GET/<key>` (same document)",
            "get-inmemory", "`GET /tasks/{id}` in memory",
            "live-inmemory", "`GET /health/live` (service in memory)");

    private record Row(
            String variant,
            int round,
            String load,
            double rps,
            double p50,
            double p99,
            long requests,
            long non2xx,
            long socketErrors,
            double serverUser,
            double serverSys,
            double redisCpu,
            double redisCalls,
            double redisCommandMicros,
            double redisReadEvents) {

        double serverCpu() {
            return serverUser + serverSys;
        }

        /** The service's (or webdis's) CPU plus Redis', per request. */
        double totalCpu() {
            return serverCpu() + redisCpu;
        }
    }

    private record Target(String name, double limit, boolean atLeast, ToDoubleFunction<Map<String, Row>> ratio) {}

    private static final List<Target> TARGETS = List.of(
            new Target(
                    "GET on Redis / `/health/live` (requests/s)",
                    0.6,
                    true,
                    round -> round.get("get-redis").rps() / round.get("live").rps()),
            new Target(
                    "GET on Redis / webdis (requests/s)",
                    0.5,
                    true,
                    round -> round.get("get-redis").rps() / round.get("webdis").rps()),
            new Target(
                    "GET on Redis: p99 / p50",
                    2.0,
                    false,
                    round -> round.get("get-redis").p99()
                            / round.get("get-redis").p50()),
            new Target(
                    "Redis CPU per GET / Redis CPU per webdis GET",
                    1.5,
                    false,
                    round -> round.get("get-redis").redisCpu()
                            / round.get("webdis").redisCpu()),
            new Target(
                    "CPU per GET on Redis (service + Redis) / CPU per GET in memory",
                    1.5,
                    false,
                    round -> round.get("get-redis").totalCpu()
                            / round.get("get-inmemory").serverCpu()),
            new Target(
                    "GET in memory / `/health/live` in memory (requests/s; #4's 0.7x)",
                    0.7,
                    true,
                    round -> round.get("get-inmemory").rps()
                            / round.get("live-inmemory").rps()));

    private final StringBuilder out = new StringBuilder();

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PollReport <output directory of scripts/bench-poll.sh>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        PollReport report = new PollReport();
        Map<String, List<Row>> byVariant = new LinkedHashMap<>();
        for (Row row : rows(dir.resolve("poll.tsv"))) {
            byVariant
                    .computeIfAbsent(row.variant(), variant -> new ArrayList<>())
                    .add(row);
        }
        byVariant.forEach(report::variant);
        Path fresh = dir.resolve("fresh.tsv");
        if (Files.exists(fresh)) {
            report.fresh(Files.readAllLines(fresh));
        }
        System.out.print(report.out);
    }

    private void variant(String variant, List<Row> rows) {
        out.append("### ").append(variant).append("\n\n");
        out.append("| load | requests/s | p50 ms | p99 ms | non-2xx | service CPU µs/req (user + sys) "
                + "| Redis CPU µs/req | Redis commands/req | Redis command µs/req | Redis read events/req |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String load : LOADS) {
            List<Row> of = rows.stream().filter(row -> row.load().equals(load)).toList();
            if (of.isEmpty()) {
                continue;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %,.0f | %.3f | %.3f | %d | %.1f (%.1f + %.1f) | %.1f | %.2f | %.2f | %.2f |%n",
                    LOAD_NAMES.get(load),
                    median(of, Row::rps),
                    median(of, Row::p50),
                    median(of, Row::p99),
                    of.stream().mapToLong(Row::non2xx).sum()
                            + of.stream().mapToLong(Row::socketErrors).sum(),
                    median(of, Row::serverCpu),
                    median(of, Row::serverUser),
                    median(of, Row::serverSys),
                    median(of, Row::redisCpu),
                    median(of, Row::redisCalls),
                    median(of, Row::redisCommandMicros),
                    median(of, Row::redisReadEvents)));
        }
        Map<Integer, Map<String, Row>> rounds = new LinkedHashMap<>();
        for (Row row : rows) {
            rounds.computeIfAbsent(row.round(), round -> new LinkedHashMap<>()).put(row.load(), row);
        }
        List<Map<String, Row>> complete = rounds.values().stream()
                .filter(round -> round.keySet().containsAll(LOADS))
                .toList();
        out.append("\n| target | limit | per round | median | |\n| --- | ---: | --- | ---: | --- |\n");
        for (Target target : TARGETS) {
            double[] ratios = complete.stream().mapToDouble(target.ratio()).toArray();
            double median = median(ratios);
            boolean met = target.atLeast() ? median >= target.limit() : median <= target.limit();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s %.1f | %s | **%.2f** | %s |%n",
                    target.name(),
                    target.atLeast() ? ">=" : "<=",
                    target.limit(),
                    Arrays.stream(ratios)
                            .mapToObj(ratio -> String.format(Locale.ROOT, "%.2f", ratio))
                            .reduce((a, b) -> a + ", " + b)
                            .orElse("-"),
                    median,
                    ratios.length == 0 ? "no complete round" : met ? "met" : "**missed**"));
        }
        out.append('\n');
    }

    private void fresh(List<String> lines) {
        out.append("### Fresh instances: the first seconds of load\n\n");
        out.append("| variant | instance | requests | non-2xx | socket errors | p99 ms |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        lines.stream()
                .skip(1)
                .map(line -> line.split("\t"))
                .forEach(cells ->
                        out.append("| ").append(String.join(" | ", cells)).append(" |\n"));
        out.append('\n');
    }

    private static List<Row> rows(Path tsv) throws IOException {
        return Files.readAllLines(tsv).stream()
                .skip(1)
                .map(line -> line.split("\t"))
                .map(cells -> new Row(
                        cells[0],
                        Integer.parseInt(cells[1]),
                        cells[2],
                        Double.parseDouble(cells[3]),
                        Double.parseDouble(cells[4]),
                        Double.parseDouble(cells[5]),
                        Long.parseLong(cells[6]),
                        Long.parseLong(cells[7]),
                        Long.parseLong(cells[8]),
                        Double.parseDouble(cells[9]),
                        Double.parseDouble(cells[10]),
                        Double.parseDouble(cells[11]),
                        Double.parseDouble(cells[12]),
                        Double.parseDouble(cells[13]),
                        cells.length > 14 ? Double.parseDouble(cells[14]) : Double.NaN))
                .toList();
    }

    private static double median(List<Row> rows, ToDoubleFunction<Row> value) {
        return median(rows.stream().mapToDouble(value).toArray());
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
