package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.bootstrap.logging.CapturedLog;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client errors stay out of the log at the default level (no warning, no stack trace), and client text in
 * any input position cannot start a log line of its own, also when client errors are logged (FINE).
 */
@HelidonTest
class ClientErrorLoggingTest {

    /** Helidon announces its features once, a moment after start; that line is not about any request. */
    private static final String FEATURES_LOGGER = "io.helidon.common.features.HelidonFeatures";

    private static final String FORGED_LINE_START = "2026-12-01T07:00:00.000 SEVERE forged.Logger:";
    private static final String FORGED = "x\r\n" + FORGED_LINE_START + " FORGED";

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService();
    }

    @Test
    void clientErrors_logNothingAtInfoOrAbove_andNoStackTrace() {
        api.post("/tasks", "{\"id\":\"logged-once\",\"type\":\"log\"}");
        api.post("/tasks", "{\"id\":\"logged-done\",\"type\":\"log\"}");
        api.post("/tasks/logged-done/cancel", null);
        List<Supplier<ApiResponse>> clientErrors = List.of(
                () -> api.get("/tasks/never-registered"),
                () -> api.get("/no/such/path"),
                () -> api.get("/tasks?status=sleeping"),
                () -> api.post("/tasks", "{not json"),
                () -> api.send("PATCH", "/tasks/logged-once", "application/json", "{}"),
                () -> api.post("/tasks", "{\"id\":\"logged-once\",\"type\":\"log\"}"),
                () -> api.post("/tasks/logged-done/start", null),
                () -> api.post("/tasks/logged-once/start", null, "If-Match", "\"99\""),
                () -> api.send("POST", "/tasks", "text/plain", "type=log"),
                () -> api.get("/tasks/logged-once", "Accept", "text/html"),
                () -> api.post("/tasks", "{\"type\":\"" + "x".repeat(1_100_000) + "\"}"));

        try (CapturedLog log = CapturedLog.from(Level.INFO)) {
            List<Integer> statuses = new ArrayList<>();
            clientErrors.forEach(request -> statuses.add(request.get().status()));

            assertThat(statuses).allMatch(status -> status >= 400 && status < 500);
            assertThat(log.records().stream().filter(record -> !FEATURES_LOGGER.equals(record.getLoggerName())))
                    .as("log records of client errors:%n%s", log.formatted())
                    .isEmpty();
        }
    }

    @Test
    void crLfInEveryInputPosition_cannotStartALogLine_whenClientErrorsAreLogged() {
        String encoded = URLEncoder.encode(FORGED, StandardCharsets.UTF_8).replace("+", "%20");
        String json = FORGED.replace("\r", "\\r").replace("\n", "\\n");
        api.post("/tasks", "{\"id\":\"forge-target\",\"type\":\"log\"}");

        try (CapturedLog log = CapturedLog.from(Level.FINE)) {
            api.get("/tasks/" + encoded);
            api.post("/tasks/" + encoded + "/start", null);
            for (String parameter : new String[] {"status", "type", "limit", "cursor"}) {
                api.get("/tasks?" + parameter + "=" + encoded);
            }
            api.post("/tasks", "{\"id\":\"" + json + "\",\"type\":\"log\"}");
            api.post("/tasks", "{\"type\":\"" + json + "\"}");
            api.post("/tasks", "{\"type\":\"log\",\"" + json + "\":1}");
            api.post("/tasks", "{\"type\":\"log\",\"estimated_completion\":\"" + json + "\"}");
            api.post("/tasks/forge-target/progress", "{\"completed_steps\":\"" + json + "\"}");
            api.put("/tasks/forge-target/ttl", "{\"ttl_seconds\":\"" + json + "\"}");
            api.post("/tasks/forge-target/start", null, "If-Match", "\"1\" x" + FORGED_LINE_START);
            Logger.getLogger(ClientErrorLoggingTest.class.getName()).fine("end of hostile requests");

            String formatted = log.formatted();
            assertThat(formatted).as("the client's text reached the log").contains("FORGED");
            assertThat(formatted.lines()).as("log lines").noneMatch(line -> line.startsWith(FORGED_LINE_START));
            assertThat(log.records()).extracting(LogRecord::getLevel).doesNotContain(Level.SEVERE);
        }
    }
}
