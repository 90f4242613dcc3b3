package dev.taskregistry.bootstrap.workers;

import dev.taskregistry.redis.testing.TestRedis;
import java.util.Map;

/** The fix with real processes: 4 workers of the packaged jar sharing one Redis server. */
class SharedRegistryIT extends SharedRegistryContract {

    @Override
    protected String name() {
        return "redis";
    }

    @Override
    protected Map<String, String> deployment() {
        return Map.of("TASKREGISTRY_REDIS_URL", TestRedis.url());
    }
}
