package dev.taskregistry.bootstrap.failover;

import dev.taskregistry.redis.testing.RedisServerProcess;
import java.util.Map;

/**
 * A real deployment a failover test runs the service on (a Redis Cluster, a Sentinel set), of the test class's
 * own: which process is the master of a registry's slot and its replica, and how to fail it over and heal it.
 * {@code prefix} is the registry's key prefix: every key of a registry is in the slot of {@code {prefix}}.
 */
interface FailoverTarget extends AutoCloseable {

    /** "Cluster" or "Sentinel", for reports. */
    String name();

    /** The graceful failover command, for reports: {@code CLUSTER FAILOVER}, {@code SENTINEL FAILOVER}. */
    String gracefulCommand();

    /** The service's configuration for this deployment ({@code TASKREGISTRY_REDIS_MODE}, {@code _NODES}, ...). */
    Map<String, String> environment();

    RedisServerProcess masterOf(String prefix);

    /**
     * How many replicas the registry's master has (1 in the test cluster, 2 in the Sentinel set): what
     * {@code wait-replicas} must be for a crash to lose no acknowledged write, since the deployment may promote
     * any of them (Sentinel picks by the replication offsets it last polled, which may be behind).
     */
    int replicasPerMaster();

    /** A running replica of the master of the registry's slot. */
    RedisServerProcess replicaOf(String prefix);

    /**
     * Whether the graceful failover may lose acknowledged writes: {@code CLUSTER FAILOVER} does not (the master
     * stops its clients until the replica has caught up, then redirects them); {@code SENTINEL FAILOVER} may.
     */
    LossPolicy gracefulLosses();

    /** Fails the master of the registry's slot over gracefully; returns once the deployment is healthy again. */
    void failOverGracefully(String prefix);

    /** Returns once a process other than {@code crashed}, the crashed master, serves the registry's slot. */
    void awaitPromotion(String prefix, RedisServerProcess crashed);

    /** Returns once the deployment itself has marked the crashed {@code node} as down. */
    void awaitNoticedDown(RedisServerProcess node);

    /** Starts a crashed node again as a replica and returns once the deployment is healthy with it. */
    void rejoin(RedisServerProcess node);

    /** Returns once the deployment is whole: every master serving, every running replica in sync. */
    void awaitHealthy();

    @Override
    void close();
}
