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
     * Jedis' attempts per call on Cluster: enough to follow a MOVED and an ASK after a failover and to renew its
     * slot map after a dropped connection.
     */
    static final int CLUSTER_ATTEMPTS = 5;

    /**
     * The share of the timeout Jedis' Cluster client may spend on its own attempts of one call (its default is
     * timeout x attempts, about 10 s). It is a share, not the whole: {@link FailoverRetryingConnection} repeats a
     * failed call within the timeout, and each repeat is a fresh run of Jedis' attempts, so with the whole
     * timeout here a call could run for nearly twice the timeout. With a quarter it ends within about 1.25 x.
     */
    static final int CLUSTER_RETRY_SHARE = 4;

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
                .maxTotalRetriesDuration(settings.timeout().dividedBy(CLUSTER_RETRY_SHARE))
                .build();
    }

    private static Set<HostAndPort> addresses(List<RedisNode> nodes) {
        Set<HostAndPort> addresses = new LinkedHashSet<>();
        nodes.forEach(node -> addresses.add(new HostAndPort(node.host(), node.port())));
        return addresses;
    }
}
