package dev.taskregistry.benchmarks.shards;

import dev.taskregistry.benchmarks.RedisCommandStatsProfiler;
import dev.taskregistry.benchmarks.shards.ClusterTopology.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * What one master reports at one moment: {@code used_memory}, its CPU so far ({@code used_cpu_sys + used_cpu_user},
 * every thread of the process) and its command statistics. Two snapshots give what a measurement cost each master;
 * Redis counts, so a noisy client cannot blur it.
 */
record MasterSnapshot(String master, long usedMemory, double cpuSeconds, Map<String, long[]> commands) {

    static List<MasterSnapshot> of(List<Node> masters, JedisClientConfig config) {
        return masters.stream().map(master -> of(master, config)).toList();
    }

    static MasterSnapshot of(Node master, JedisClientConfig config) {
        try (Jedis node = new Jedis(master.address(), config)) {
            String info = node.info("everything");
            return new MasterSnapshot(
                    master.address().toString(),
                    (long) field(info, "used_memory"),
                    field(info, "used_cpu_sys") + field(info, "used_cpu_user"),
                    RedisCommandStatsProfiler.commandStats(info));
        }
    }

    /** Calls of {@code command} since {@code earlier}. */
    long callsSince(MasterSnapshot earlier, String command) {
        return commands.getOrDefault(command, new long[2])[0] - earlier.commands.getOrDefault(command, new long[2])[0];
    }

    /** Redis' own time in {@code command} since {@code earlier}, in microseconds (a script's, its calls included). */
    long usecSince(MasterSnapshot earlier, String command) {
        return commands.getOrDefault(command, new long[2])[1] - earlier.commands.getOrDefault(command, new long[2])[1];
    }

    /** Calls per command since {@code earlier}, summed over the masters of two snapshots taken together. */
    static Map<String, Long> callsSince(List<MasterSnapshot> earlier, List<MasterSnapshot> later) {
        Map<String, Long> calls = new HashMap<>();
        for (int m = 0; m < later.size(); m++) {
            for (String command : later.get(m).commands.keySet()) {
                calls.merge(command, later.get(m).callsSince(earlier.get(m), command), Long::sum);
            }
        }
        return calls;
    }

    private static double field(String info, String name) {
        return info.lines()
                .filter(line -> line.startsWith(name + ":"))
                .findFirst()
                .map(line ->
                        Double.parseDouble(line.substring(name.length() + 1).strip()))
                .orElseThrow(() -> new IllegalStateException("INFO has no " + name));
    }
}
