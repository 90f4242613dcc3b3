package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many clients changing the same tasks at once through the API, on whichever Redis deployment the subclass's
 * {@code @HelidonTest} configuration selects.
 */
abstract class ConcurrencyApiContract {

    private static final int CLIENTS = 16;

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();
    }

    @Test
    void sixteenClientsIncrementingOneTaskWithIfMatch_loseNoIncrement() throws Exception {
        int perClient = 8;
        String id = "counter-" + UUID.randomUUID();
        api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"counter\",\"total_steps\":" + CLIENTS * perClient + "}");

        runTogether(CLIENTS, client -> {
            for (int done = 0; done < perClient; ) {
                ApiResponse current = api.get("/tasks/" + id);
                int next = current.json().get("completed_steps").asInt() + 1;
                ApiResponse changed = api.post(
                        "/tasks/" + id + "/progress",
                        "{\"completed_steps\":" + next + "}",
                        "If-Match",
                        current.header("ETag"));
                if (changed.status() == 200) {
                    done++;
                } else if (changed.status() != 412) {
                    throw new AssertionError("unexpected answer " + changed);
                }
            }
            return null;
        });

        JsonNode task = api.get("/tasks/" + id).json();
        assertThat(task.get("completed_steps").asInt()).isEqualTo(CLIENTS * perClient);
        assertThat(task.get("version").asInt()).isEqualTo(1 + CLIENTS * perClient);
    }

    @Test
    void aStaleIfMatch_gets412_andChangesNothing() {
        String id = "stale-" + UUID.randomUUID();
        api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"counter\"}");
        api.post("/tasks/" + id + "/progress", "{\"progress\":0.25}");

        ApiResponse stale = api.post("/tasks/" + id + "/progress", "{\"progress\":0.75}", "If-Match", "\"1\"");

        assertThat(stale.status()).isEqualTo(412);
        JsonNode task = api.get("/tasks/" + id).json();
        assertThat(task.get("progress").asDouble()).isEqualTo(0.25);
        assertThat(task.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void completeRacingCancel_hasExactlyOneWinner_andTheLoserGets409() throws Exception {
        String type = "race-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> winners = new HashMap<>();
        for (int round = 0; round < 20; round++) {
            String id = "race-" + UUID.randomUUID();
            api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\"}");
            api.post("/tasks/" + id + "/start", null);

            List<ApiResponse> answers = runTogether(
                    2,
                    client -> client == 0
                            ? api.post("/tasks/" + id + "/complete", "{\"result\":\"done\"}")
                            : api.post("/tasks/" + id + "/cancel", null));

            assertThat(answers).extracting(ApiResponse::status).containsExactlyInAnyOrder(200, 409);
            String winner = answers.stream()
                    .filter(answer -> answer.status() == 200)
                    .findFirst()
                    .orElseThrow()
                    .json()
                    .get("status")
                    .asText();
            assertThat(api.get("/tasks/" + id).json().get("status").asText()).isEqualTo(winner);
            winners.put(id, winner);
        }

        assertIndexesAgreeWithTheTasks(type, winners);
    }

    /** The status indexes (listing by status, stats) say what the tasks themselves say. */
    private void assertIndexesAgreeWithTheTasks(String type, Map<String, String> statusById) {
        Map<String, Long> expectedCounts = new HashMap<>();
        statusById.values().forEach(status -> expectedCounts.merge(status, 1L, Long::sum));
        for (String status : List.of("pending", "running", "completed", "cancelled", "failed")) {
            JsonNode items = api.get("/tasks?type=" + type + "&status=" + status + "&limit=1000")
                    .json()
                    .get("items");
            List<String> listed = new ArrayList<>();
            items.forEach(item -> listed.add(item.get("id").asText()));
            assertThat(listed)
                    .as(status)
                    .containsExactlyInAnyOrderElementsOf(statusById.entrySet().stream()
                            .filter(e -> e.getValue().equals(status))
                            .map(Map.Entry::getKey)
                            .toList());
        }
        JsonNode stats = api.get("/stats").json();
        assertThat(stats.get("tasks_by_type").get(type).asLong()).isEqualTo(statusById.size());
        expectedCounts.forEach((status, count) -> assertThat(
                        stats.get("tasks_by_status").get(status).asLong())
                .as(status)
                .isGreaterThanOrEqualTo(count));
    }

    /** Runs {@code clients} calls at the same moment; returns their results in client order. */
    private static <T> List<T> runTogether(int clients, ClientCall<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int number = client;
                Callable<T> task = () -> {
                    go.await();
                    return call.run(number);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ClientCall<T> {
        T run(int client) throws Exception;
    }
}
