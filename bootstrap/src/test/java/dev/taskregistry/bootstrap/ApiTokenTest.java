package dev.taskregistry.bootstrap;

import static dev.taskregistry.bootstrap.TaskApiContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.bootstrap.events.SseStream;
import io.helidon.config.mp.MpConfigSources;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With {@code taskregistry.api.token} set, task endpoints need the bearer token; operations endpoints stay open. */
@HelidonTest
class ApiTokenTest {

    static final String TOKEN = "s3cret-token-for-tests";
    private static final List<String[]> PROTECTED = List.of(
            new String[] {"GET", "/tasks"},
            new String[] {"GET", "/tasks/some-id"},
            new String[] {"POST", "/tasks"},
            new String[] {"POST", "/tasks/some-id/start"},
            new String[] {"POST", "/tasks/some-id/progress"},
            new String[] {"POST", "/tasks/some-id/complete"},
            new String[] {"POST", "/tasks/some-id/fail"},
            new String[] {"POST", "/tasks/some-id/cancel"},
            new String[] {"PUT", "/tasks/some-id/ttl"},
            new String[] {"DELETE", "/tasks/some-id"},
            new String[] {"GET", "/tasks/some-id/events"},
            new String[] {"GET", "/events"},
            new String[] {"GET", "/stats"},
            new String[] {"POST", "/mcp"});

    /** Everything logged in this JVM from before the service starts. */
    private static final List<String> LOGGED = new CopyOnWriteArrayList<>();

    private ApiClient api;

    /** Runs as the service starts: records the log from then on, and configures the token. */
    @AddConfigSource
    static ConfigSource tokenAndLogCapture() {
        Logger.getLogger("").addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                LOGGED.add(record.getLoggerName() + " " + record.getMessage() + " "
                        + Arrays.toString(record.getParameters())
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        return MpConfigSources.create(Map.of("taskregistry.api.token", TOKEN));
    }

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();
    }

    @Test
    void everyTaskEndpoint_rejectsAMissingWrongOrMalformedToken() {
        for (String[] endpoint : PROTECTED) {
            String body = endpoint[0].equals("GET") || endpoint[0].equals("DELETE") ? null : "{\"type\":\"x\"}";
            String type = body == null ? null : "application/json";
            for (String[] headers : List.of(
                    new String[0],
                    new String[] {"Authorization", "Bearer wrong"},
                    new String[] {"Authorization", "Basic " + TOKEN},
                    new String[] {"Authorization", TOKEN},
                    new String[] {"Authorization", "Bearer " + TOKEN.substring(1)})) {
                ApiResponse response = api.send(endpoint[0], endpoint[1], type, body, headers);
                assertProblem(response, 401, "Authorization");
                assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(response.body()).doesNotContain(TOKEN);
            }
        }
    }

    @Test
    void everyMethodOnEveryProtectedPath_needsTheToken_evenOptionsWrongMethodsAndUnknownSubPaths() {
        for (String method : new String[] {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
            for (String path : new String[] {
                "/tasks",
                "/tasks/some-id",
                "/tasks/some-id/start",
                "/tasks/some-id/nothing-here",
                "/tasks/some-id/events",
                "/events",
                "/events/more",
                "/mcp",
                "/mcp/more",
                "/stats",
                "/stats/more"
            }) {
                ApiResponse response = api.send(method, path, null, null);
                assertThat(response.status()).as(method + " " + path).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate"))
                        .as(method + " " + path)
                        .startsWith("Bearer");
                if (!method.equals("HEAD")) {
                    assertProblem(response, 401, "Authorization");
                }
            }
        }
    }

    @Test
    void theDashboardsFiles_needNoToken_sinceThePageAsksForItItself() {
        ApiClient plain = ApiClient.ofTestedService();
        for (String path : new String[] {"/dashboard/", "/dashboard/app.js", "/dashboard/dashboard.css"}) {
            assertThat(plain.get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theRightToken_opensTheTaskEndpoints() {
        ApiResponse created =
                api.send("POST", "/tasks", "application/json", "{\"type\":\"x\"}", "Authorization", "Bearer " + TOKEN);
        assertThat(created.status()).isEqualTo(201);

        assertThat(api.get("/tasks/" + created.json().get("id").asText(), "Authorization", "bearer " + TOKEN)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/stats", "Authorization", "Bearer " + TOKEN).status())
                .isEqualTo(200);
        try (SseStream events =
                SseStream.open(URI.create(api.baseUrl() + "/events"), "Authorization", "Bearer " + TOKEN)) {
            assertThat(events.isEventStream()).as(events.toString()).isTrue();
            assertThat(events.next(Duration.ofSeconds(30)).isComment("subscribed"))
                    .isTrue();
        }
    }

    @Test
    void theToken_neverAppearsInTheLog() {
        api.get("/tasks", "Authorization", "Bearer " + TOKEN);
        api.get("/tasks", "Authorization", "Bearer " + TOKEN + "x");
        api.get("/stats", "Authorization", TOKEN);

        assertThat(LOGGED).isNotEmpty();
        assertThat(LOGGED).noneMatch(line -> line.contains(TOKEN));
    }

    @Test
    void healthMetricsAndOpenApi_stayOpen() {
        assertThat(api.get("/health/live").status()).isEqualTo(200);
        assertThat(api.get("/health/ready").status()).isEqualTo(200);
        assertThat(api.get("/metrics").status()).isEqualTo(200);
        assertThat(api.get("/openapi").status()).isEqualTo(200);
    }
}
