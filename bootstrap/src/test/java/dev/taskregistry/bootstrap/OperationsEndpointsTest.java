package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Health, Prometheus metrics per use case, and the OpenAPI document. */
@HelidonTest
class OperationsEndpointsTest {

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();
    }

    @Test
    void liveness_andReadiness_areUp() {
        ApiResponse live = api.get("/health/live");
        ApiResponse ready = api.get("/health/ready");

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asText()).isEqualTo("UP");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("checks").get(0).get("name").asText()).isEqualTo("task-store");
    }

    @Test
    void metrics_countAndTimeEveryUseCase_inPrometheusText() {
        api.post("/tasks", "{\"type\":\"metered\"}");
        api.get("/stats");

        ApiResponse metrics = api.get("/metrics", "Accept", "text/plain");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE taskregistry_register_calls_total counter");
        assertThat(metrics.body())
                .contains(
                        "# HELP taskregistry_register_calls_total Requests answered by the register use case (POST /tasks)")
                .contains(
                        "# HELP taskregistry_set_ttl_duration_seconds Time to answer a request of the set-ttl use case (PUT /tasks/{id}/ttl)");
        assertThat(metrics.body()).containsPattern("taskregistry_register_calls_total\\{[^}]*} [1-9]");
        assertThat(metrics.body()).containsPattern("taskregistry_register_duration_seconds_count\\{[^}]*} [1-9]");
        for (String useCase : new String[] {
            "register", "get", "list", "start", "progress", "complete", "fail", "cancel", "set_ttl", "delete", "stats"
        }) {
            assertThat(metrics.body())
                    .contains("taskregistry_" + useCase + "_calls_total")
                    .contains("taskregistry_" + useCase + "_duration_seconds");
        }
    }

    @Test
    void openApi_listsEveryEndpoint() {
        ApiResponse openApi = api.get("/openapi");

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body())
                .contains(
                        "/tasks:",
                        "/tasks/{id}:",
                        "/tasks/{id}/start:",
                        "/tasks/{id}/progress:",
                        "/tasks/{id}/complete:",
                        "/tasks/{id}/fail:",
                        "/tasks/{id}/cancel:",
                        "/tasks/{id}/ttl:",
                        "/stats:");
        assertThat(openApi.body()).contains("total_steps").contains("ttl_seconds");
    }
}
