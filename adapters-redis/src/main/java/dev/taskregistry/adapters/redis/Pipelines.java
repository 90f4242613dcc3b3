package dev.taskregistry.adapters.redis;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Opens the pipelines of the adapter's multi-key waves. Jedis' cluster pipeline sends each node's part on a thread
 * pool, and {@code RedisClusterClient.pipelined()} builds a new pool, so new threads, for every {@code sync()} that
 * spans several nodes: on the benchmark cluster that cost 2.5 ms per sync against 0.14 ms on a pool made once
 * ({@code ClusterPipelineBenchmark}), and a sharded listing syncs three times. So cluster pipelines share one pool
 * of daemon threads, kept while in use; elsewhere a pipeline is one connection and needs none.
 */
final class Pipelines {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService CLUSTER_SYNC = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "taskregistry-cluster-pipeline-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private Pipelines() {}

    static AbstractPipeline open(UnifiedJedis client) {
        return client instanceof RedisClusterClient cluster ? cluster.pipelined(CLUSTER_SYNC) : client.pipelined();
    }
}
