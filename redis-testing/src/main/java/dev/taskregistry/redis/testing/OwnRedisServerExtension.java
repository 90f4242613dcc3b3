package dev.taskregistry.redis.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@code redis-server} process of one test class's own, for tests that stop, crash, pause or reconfigure
 * Redis: started before the class's tests, or earlier at its first use (a {@code @HelidonTest} starts the
 * service, and calls its {@code @AddConfigSource} methods, before the callbacks of a registered extension),
 * and closed after them. Register it as a static {@code @RegisterExtension} field.
 */
public class OwnRedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final RedisServerOptions options;
    private RedisServerProcess server;

    /** An in-memory server. */
    public OwnRedisServerExtension() {
        this(RedisServerOptions.inMemory());
    }

    public OwnRedisServerExtension(RedisServerOptions options) {
        this.options = options;
    }

    /** The server, started on first use. */
    public synchronized RedisServerProcess server() {
        if (server == null) {
            server = RedisServerProcess.start(options);
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
