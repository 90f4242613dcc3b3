package dev.taskregistry.benchmarks.shards;

import dev.taskregistry.benchmarks.shards.ShardScaleRun.LatencyRow;
import dev.taskregistry.benchmarks.shards.ShardScaleRun.MemoryRow;
import dev.taskregistry.benchmarks.shards.ShardScaleRun.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** The tables of docs/BENCHMARKS.md "Sharded registry", from the rows of one run; every ratio is of one round. */
final class ShardSummary {

    private static final double PAGE_TARGET = 3;
    private static final double STATS_TARGET = 5;
    private static final double FLAT_TARGET = 2;
    private static final double SPREAD_TARGET = 0.15;
    private static final double MEMORY_TARGET = 0.10;

    private final StringBuilder text = new StringBuilder();

    void register(List<ShardRegisterRun.Row> rows, int threads) {
        text.append("### Registrations per second, ")
                .append(threads)
                .append(" threads, single register calls\n\n")
                .append(
                        "| registry | ops/s per round | ops/s (median) | / S=1 per round | / S=1 (median) | master CPU %"
                                + " (median per master) | CPU spread per round | EVALSHA time spread per round |\n")
                .append("| --- | --- | ---: | --- | ---: | --- | --- | --- |\n");
        List<String> labels =
                rows.stream().map(row -> row.registry().label()).distinct().toList();
        String base = labels.getFirst();
        for (String label : labels) {
            List<ShardRegisterRun.Row> mine = rows.stream()
                    .filter(row -> row.registry().label().equals(label))
                    .toList();
            List<Double> ratios = new ArrayList<>();
            for (ShardRegisterRun.Row row : mine) {
                rows.stream()
                        .filter(other -> other.round() == row.round()
                                && other.registry().label().equals(base))
                        .findFirst()
                        .ifPresent(other -> ratios.add(row.opsPerSecond() / other.opsPerSecond()));
            }
            int masters = mine.getFirst().cpuPercent().length;
            double[] cpu = new double[masters];
            for (int m = 0; m < masters; m++) {
                int master = m;
                cpu[m] = median(mine, row -> row.cpuPercent()[master]);
            }
            text.append(String.format(
                    "| %s | %s | %,.0f | %s | %.2f | %s | %s | %s |%n",
                    label,
                    join(mine, row -> row.opsPerSecond(), "%,.0f"),
                    median(mine, ShardRegisterRun.Row::opsPerSecond),
                    join(ratios, "%.2f"),
                    Latencies.median(
                            ratios.stream().mapToDouble(Double::doubleValue).toArray()),
                    ShardRegisterRun.format(cpu),
                    join(mine, row -> Latencies.spread(row.cpuPercent()) * 100, "±%.0f%%"),
                    join(mine, row -> Latencies.spread(row.evalshaMillis()) * 100, "±%.0f%%")));
        }
        long errors = rows.stream().mapToLong(ShardRegisterRun.Row::errors).sum();
        text.append(String.format(
                "%nTarget: S=12 master CPU within ±%.0f%% of the mean. Failed calls: %d.%n%n",
                SPREAD_TARGET * 100, errors));
    }

    void scale(List<LatencyRow> rows, List<MemoryRow> memory) {
        List<Integer> sizes = new ArrayList<>(
                new TreeSet<>(rows.stream().map(LatencyRow::size).toList()));
        List<Integer> layouts = new ArrayList<>(
                new TreeSet<>(rows.stream().map(LatencyRow::shards).toList()));
        text.append("### Listing (page of ")
                .append(ShardScaleRun.PAGE)
                .append(
                        ") and stats: µs per call, median / p99"
                                + " (median of the rounds), and the ratio to S=1 (median of the rounds' ratios of medians)\n\n");
        StringBuilder header = new StringBuilder("| operation | tasks |");
        StringBuilder line = new StringBuilder("| --- | ---: |");
        for (int shards : layouts) {
            header.append(" S=").append(shards).append(" |");
            line.append(" ---: |");
            if (shards != layouts.getFirst()) {
                header.append(" S=")
                        .append(shards)
                        .append(" / S=")
                        .append(layouts.getFirst())
                        .append(" |");
                line.append(" ---: |");
            }
        }
        text.append(header).append(" target at S=12 |\n").append(line).append(" --- |\n");
        for (Operation operation : Operation.values()) {
            for (int size : sizes) {
                text.append("| ")
                        .append(operation.label)
                        .append(" | ")
                        .append(String.format("%,d", size))
                        .append(" |");
                boolean met = true;
                for (int shards : layouts) {
                    List<LatencyRow> cell = cell(rows, size, shards, operation);
                    text.append(String.format(
                            " %.0f / %.0f |",
                            median(cell, LatencyRow::medianMicros), median(cell, LatencyRow::p99Micros)));
                    if (shards != layouts.getFirst()) {
                        double ratio = ratio(rows, size, shards, layouts.getFirst(), operation);
                        text.append(String.format(" %.2f |", ratio));
                        if (shards == 12) {
                            met = ratio <= (operation == Operation.STATS ? STATS_TARGET : PAGE_TARGET);
                        }
                    }
                }
                text.append(String.format(
                        " <= %.0fx: %s |%n",
                        operation == Operation.STATS ? STATS_TARGET : PAGE_TARGET,
                        layouts.contains(12) ? (met ? "met" : "**missed**") : "not measured"));
            }
        }
        flatness(rows, sizes, layouts);
        commands(rows, sizes, layouts);
        memory(memory);
    }

    private void flatness(List<LatencyRow> rows, List<Integer> sizes, List<Integer> layouts) {
        int smallest = sizes.getFirst();
        int largest = sizes.getLast();
        text.append(String.format(
                "%n### Flat from %,d to %,d tasks: median at %,d / median at %,d (target <= %.0fx)%n%n",
                smallest, largest, largest, smallest, FLAT_TARGET));
        text.append("| operation |");
        layouts.forEach(shards -> text.append(" S=").append(shards).append(" |"));
        text.append("\n| --- |");
        layouts.forEach(shards -> text.append(" ---: |"));
        text.append("\n");
        for (Operation operation : Operation.values()) {
            text.append("| ").append(operation.label).append(" |");
            for (int shards : layouts) {
                double growth = median(cell(rows, largest, shards, operation), LatencyRow::medianMicros)
                        / median(cell(rows, smallest, shards, operation), LatencyRow::medianMicros);
                text.append(String.format(" %.2f%s |", growth, growth <= FLAT_TARGET ? "" : " (missed)"));
            }
            text.append("\n");
        }
    }

    private void commands(List<LatencyRow> rows, List<Integer> sizes, List<Integer> layouts) {
        int largest = sizes.getLast();
        text.append(String.format(
                "%n### Redis commands per call at %,d tasks (INFO commandstats, all masters)%n%n", largest));
        text.append("| operation |");
        layouts.forEach(shards -> text.append(" S=").append(shards).append(" |"));
        text.append("\n| --- |");
        layouts.forEach(shards -> text.append(" --- |"));
        text.append("\n");
        for (Operation operation : Operation.values()) {
            text.append("| ").append(operation.label).append(" |");
            for (int shards : layouts) {
                text.append(" ")
                        .append(cell(rows, largest, shards, operation).stream()
                                .findFirst()
                                .map(LatencyRow::commandsPerCall)
                                .orElse("-"))
                        .append(" |");
            }
            text.append("\n");
        }
    }

    private void memory(List<MemoryRow> memory) {
        text.append("\n### Memory per task: used_memory growth of all masters over the load / tasks\n\n")
                .append("| tasks | S | bytes per task | of it the shards' streams | bytes per task without the streams"
                        + " | / S=1 (with, without streams) | load s | |\n")
                .append("| ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |\n");
        for (MemoryRow row : memory) {
            if (!row.note().isEmpty() && row.perMaster().length == 0) {
                text.append(
                        String.format("| %,d | %d | - | - | - | - | - | %s |%n", row.size(), row.shards(), row.note()));
                continue;
            }
            double perTask = (double) row.total() / row.size();
            double withoutStreams = (double) (row.total() - row.streamBytes()) / row.size();
            Optional<MemoryRow> base = memory.stream()
                    .filter(other -> other.size() == row.size() && other.shards() == 1 && other.perMaster().length > 0)
                    .findFirst();
            String ratios = base.map(b -> {
                        double with = perTask / ((double) b.total() / b.size());
                        double without = withoutStreams / ((double) (b.total() - b.streamBytes()) / b.size());
                        return String.format(
                                "%.3f, %.3f%s",
                                with,
                                without,
                                row.shards() == 1
                                        ? ""
                                        : Math.abs(with - 1) <= MEMORY_TARGET
                                                ? " (met)"
                                                : " (**missed** with streams)");
                    })
                    .orElse("-");
            text.append(String.format(
                    "| %,d | %d | %.0f | %.0f | %.0f | %s | %.1f | %s |%n",
                    row.size(),
                    row.shards(),
                    perTask,
                    (double) row.streamBytes() / row.size(),
                    withoutStreams,
                    ratios,
                    row.loadSeconds(),
                    row.note()));
        }
    }

    private static List<LatencyRow> cell(List<LatencyRow> rows, int size, int shards, Operation operation) {
        return rows.stream()
                .filter(row -> row.size() == size && row.shards() == shards && row.operation() == operation)
                .toList();
    }

    /** The median over the rounds of (median at {@code shards}) / (median at {@code base}) in the same round. */
    private static double ratio(List<LatencyRow> rows, int size, int shards, int base, Operation operation) {
        List<Double> ratios = new ArrayList<>();
        for (LatencyRow row : cell(rows, size, shards, operation)) {
            cell(rows, size, base, operation).stream()
                    .filter(other -> other.round() == row.round())
                    .findFirst()
                    .ifPresent(other -> ratios.add(row.medianMicros() / other.medianMicros()));
        }
        return Latencies.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static <T> double median(List<T> rows, ToDoubleFunction<T> value) {
        return Latencies.median(rows.stream().mapToDouble(value).toArray());
    }

    private static <T> String join(List<T> rows, ToDoubleFunction<T> value, String format) {
        return String.join(
                ", ",
                rows.stream()
                        .map(row -> String.format(format, value.applyAsDouble(row)))
                        .toList());
    }

    private static String join(List<Double> values, String format) {
        return String.join(
                ", ", values.stream().map(value -> String.format(format, value)).toList());
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
