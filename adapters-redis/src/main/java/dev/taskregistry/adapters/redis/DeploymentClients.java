package dev.taskregistry.adapters.redis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;

/** Jedis' own Sentinel and Cluster clients, configured as {@link RedisStoreSettings} say. */
final class DeploymentClients {

    /**
     * Jedis' attempts per call on Cluster: enough to follow a MOVED and an ASK after a failover; the time they may
     * take together is bounded by the timeout, not by Jedis' default of timeout x attempts.
     */
    static final int CLUSTER_ATTEMPTS = 5;

    private DeploymentClients() {}

    static RedisSentinelClient sentinel(RedisStoreSettings settings, RedisDeployment.Sentinel sentinel) {
        return RedisSentinelClient.builder()
                .masterName(sentinel.masterName())
                .sentinels(addresses(sentinel.sentinels()))
                .clientConfig(JedisSettings.dataNodes(settings))
                .sentinelClientConfig(JedisSettings.sentinels(settings))
                .poolConfig(JedisSettings.pool(settings))
                .build();
    }

    static RedisClusterClient cluster(RedisStoreSettings settings, RedisDeployment.Cluster cluster) {
        return RedisClusterClient.builder()
                .nodes(addresses(cluster.seeds()))
                .clientConfig(JedisSettings.dataNodes(settings))
                .poolConfig(JedisSettings.pool(settings))
                .maxAttempts(CLUSTER_ATTEMPTS)
                .maxTotalRetriesDuration(settings.timeout())
                .build();
    }

    private static Set<HostAndPort> addresses(List<RedisNode> nodes) {
        Set<HostAndPort> addresses = new LinkedHashSet<>();
        nodes.forEach(node -> addresses.add(new HostAndPort(node.host(), node.port())));
        return addresses;
    }
}
