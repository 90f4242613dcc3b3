package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskStoreUnavailable;
import java.time.Duration;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.RedisProtocol;

/**
 * {@code taskregistry.redis.wait-replicas}: after each write, {@code WAIT replicas millis} on the connection that
 * wrote, so that a write answered as done is held by that many replicas. WAIT waits for at most three quarters of
 * the timeout, so its answer arrives before the socket's own timeout gives up on it.
 */
record ReplicaWait(int replicas, long waitMillis) {

    private static final CommandObjects COMMANDS = new CommandObjects(RedisProtocol.RESP2);

    static ReplicaWait of(RedisStoreSettings settings) {
        return new ReplicaWait(
                settings.waitReplicas(), Math.max(1, settings.timeout().toMillis() * 3 / 4));
    }

    static ReplicaWait none() {
        return new ReplicaWait(0, 0);
    }

    boolean waits() {
        return replicas > 0;
    }

    /** The WAIT command, sent to the node that serves {@code sampleKey} (on Cluster: the master that wrote). */
    CommandObject<Long> command(String sampleKey) {
        return COMMANDS.waitReplicas(sampleKey, replicas, waitMillis);
    }

    /**
     * @throws TaskStoreUnavailable when fewer replicas than required acknowledged the write: it is applied on the
     *         master, and a failover before the replicas catch up may lose it
     */
    void requireAcknowledged(long acknowledged, String operation) {
        if (acknowledged < replicas) {
            throw new TaskStoreUnavailable(
                    "task store (Redis): the " + operation + " was applied on the master but reached " + acknowledged
                            + " of the " + replicas + " replicas required within " + Duration.ofMillis(waitMillis)
                            + "; a failover before they catch up may lose it",
                    null);
        }
    }
}
