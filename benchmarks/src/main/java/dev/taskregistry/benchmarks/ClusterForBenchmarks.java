package dev.taskregistry.benchmarks;

import dev.taskregistry.redis.testing.TestRedisCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Holds a Redis Cluster of 3 masters and 3 replicas ({@link TestRedisCluster}: redis-server processes on free
 * ports, in memory) for the JMH forks of a run, so that the adapter's fork and the raw baseline's fork of one JMH
 * invocation measure the same cluster. Usage: {@code ClusterForBenchmarks <file>}: writes the seed nodes
 * ({@code BENCH_CLUSTER_NODES}) into the file once every slot is served, then keeps the cluster until it is
 * terminated (SIGTERM) or the process that started it exits; then it stops every node. scripts/bench-all.sh
 * runs it.
 */
public final class ClusterForBenchmarks {

    private ClusterForBenchmarks() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: ClusterForBenchmarks <file to write the nodes into>");
            System.exit(2);
        }
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        TestRedisCluster cluster = TestRedisCluster.start();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "benchmark-cluster-stop"));
        Path file = Path.of(args[0]);
        Path written = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(written, cluster.nodesSetting() + "\n");
        // Renamed into place, so a reader never sees half a line.
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("cluster ready: " + cluster.nodesSetting());
        // Not left behind when the script that started it dies without stopping it.
        while (parent.map(ProcessHandle::isAlive).orElse(true)) {
            Thread.sleep(1000);
        }
        System.exit(0);
    }
}
