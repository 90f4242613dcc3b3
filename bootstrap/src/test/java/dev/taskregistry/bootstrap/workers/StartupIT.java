package dev.taskregistry.bootstrap.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A bad setting, given as an environment variable, stops the packaged service at start-up with a message naming
 * it; a good one is said in the start log.
 */
class StartupIT {

    @Test
    void anUnknownStore_stopsStartUp_namingTheValidStores() throws Exception {
        StartAttempt attempt = start("unknown-store", Map.of("TASKREGISTRY_STORE", "postgres"));

        assertThat(attempt.exitCode()).isNotZero();
        assertThat(attempt.log())
                .contains("taskregistry.store")
                .contains("inmemory, redis")
                .contains("'postgres'");
    }

    @Test
    void aMalformedTtl_stopsStartUp_namingTheKey() throws Exception {
        StartAttempt attempt = start("bad-ttl", Map.of("TASKREGISTRY_TASK_DEFAULT_TTL", "5 minutes"));

        assertThat(attempt.exitCode()).isNotZero();
        assertThat(attempt.log()).contains("taskregistry.task.default-ttl").contains("ISO-8601");
    }

    @Test
    void theStartLog_namesTheStoreRedisWithoutItsPasswordTheKeyPrefixAndTheBoundAddress() throws Exception {
        Path log = Files.createDirectories(Path.of("target", "worker-logs")).resolve("start-log.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", "target/task-registry.jar")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment()
                .putAll(Map.of(
                        "TASKREGISTRY_STORE",
                        "redis",
                        "SERVER_PORT",
                        "0",
                        "TASKREGISTRY_REDIS_URL",
                        "redis://worker:s3cret-pass@127.0.0.1:1/2",
                        "TASKREGISTRY_REDIS_KEY_PREFIX",
                        "start-log-prefix"));
        Process process = builder.start();
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(log).contains("task registry ready"));
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }

        String ready = Files.readString(log)
                .lines()
                .filter(line -> line.contains("task registry ready"))
                .findFirst()
                .orElseThrow();
        assertThat(ready)
                .contains("store=redis")
                .contains("redis://***@127.0.0.1:1/2")
                .contains("keyPrefix=start-log-prefix")
                .contains("binds 0.0.0.0 (all interfaces")
                .doesNotContain("s3cret-pass");
        assertThat(Files.readString(log))
                .as("a Redis that is down at start is a warning, not a failure")
                .contains("Redis is not reachable yet")
                .doesNotContain("s3cret-pass");
    }

    @Test
    void aPublicBaseUrlThatIsNoHttpUrl_stopsStartUp_namingTheKey() throws Exception {
        StartAttempt attempt =
                start("bad-public-base-url", Map.of("TASKREGISTRY_API_PUBLIC_BASE_URL", "tasks.example.com"));

        assertThat(attempt.exitCode()).isNotZero();
        assertThat(attempt.log()).contains("taskregistry.api.public-base-url").contains("absolute http or https URL");
    }

    private static StartAttempt start(String name, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path log = Files.createDirectories(Path.of("target", "worker-logs")).resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", "target/task-registry.jar")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", "0");
        Process process = builder.start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the service started although its configuration is invalid; see " + log);
            }
            return new StartAttempt(process.exitValue(), Files.readString(log));
        } finally {
            process.destroyForcibly();
        }
    }

    private record StartAttempt(int exitCode, String log) {}
}
