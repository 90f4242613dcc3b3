package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API driven over real HTTP through whole lifecycles, on whichever store the subclass's
 * {@code @HelidonTest} configuration selects. Every answer is also checked against the OpenAPI document
 * the service serves, so the document stays true to the API.
 */
abstract class TaskApiContract {

    private static final String JSON = "application/json";

    protected ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();
    }

    static String uniqueId() {
        return "api-" + UUID.randomUUID();
    }

    protected ApiResponse register(String id, String type) {
        ApiResponse created = api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"total_steps\":4}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    @Test
    void wholeLifecycle_fromRegistrationToDeletion() {
        String id = uniqueId();

        ApiResponse created = api.post(
                "/tasks",
                "{\"id\":\"" + id + "\",\"type\":\"equity_analysis\","
                        + "\"query\":\"analyse ACME\",\"total_steps\":4,\"ttl_seconds\":600}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/tasks/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().get("status").asText()).isEqualTo("pending");

        ApiResponse fetched = api.get("/tasks/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(created.json());

        ApiResponse started = api.post("/tasks/" + id + "/start", null, "If-Match", "\"1\"");
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.header("ETag")).isEqualTo("\"2\"");
        assertThat(started.json().get("status").asText()).isEqualTo("running");

        ApiResponse progressed = api.post("/tasks/" + id + "/progress", "{\"completed_steps\":3}", "If-Match", "\"2\"");
        assertThat(progressed.status()).isEqualTo(200);
        assertThat(progressed.json().get("progress").asDouble()).isEqualTo(0.75);
        assertThat(progressed.json().get("expires_at")).isEqualTo(created.json().get("expires_at"));

        ApiResponse completed =
                api.post("/tasks/" + id + "/complete", "{\"result\":{\"score\":0.93,\"tags\":[\"a\",\"b\"]}}");
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.header("ETag")).isEqualTo("\"4\"");
        assertThat(completed.json().get("status").asText()).isEqualTo("completed");
        assertThat(completed.json().get("progress").asDouble()).isEqualTo(1.0);
        assertThat(completed.json().get("completed_steps").asInt()).isEqualTo(4);
        assertThat(completed.json().get("result").get("tags").get(1).asText()).isEqualTo("b");

        assertThat(api.get("/tasks?status=completed&type=equity_analysis&limit=1000")
                        .json()
                        .get("items"))
                .anySatisfy(item -> assertThat(item.get("id").asText()).isEqualTo(id));
        assertThat(api.get("/stats")
                        .json()
                        .get("tasks_by_status")
                        .get("completed")
                        .asLong())
                .isPositive();

        assertThat(api.delete("/tasks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/tasks/" + id).status()).isEqualTo(404);
    }

    @Test
    void registrationWithoutId_getsAnUnguessableGeneratedId_andTheDefaultTtl() {
        ApiResponse created = api.post("/tasks", "{\"type\":\"report\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode task = created.json();
        assertThat(task.get("id").asText()).matches("report-[0-9a-f]{32}");
        assertThat(task.get("resource_url").asText())
                .isEqualTo("mcp://task/" + task.get("id").asText());
        Instant createdAt = Instant.parse(task.get("created_at").asText());
        assertThat(Instant.parse(task.get("expires_at").asText())).isEqualTo(createdAt.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aTask_hasThisExactWireFormat() {
        String id = uniqueId();
        api.post(
                "/tasks",
                "{\"id\":\"" + id + "\",\"type\":\"equity_analysis\",\"query\":\"q\","
                        + "\"estimated_completion\":\"2026-12-01T08:30:00Z\"}");

        JsonNode task = api.get("/tasks/" + id).json();

        assertThat(task.fieldNames())
                .toIterable()
                .containsExactly(
                        "id",
                        "type",
                        "status",
                        "resource_url",
                        "estimated_completion",
                        "progress",
                        "created_at",
                        "updated_at",
                        "started_at",
                        "completed_at",
                        "query",
                        "completed_steps",
                        "total_steps",
                        "result",
                        "error",
                        "expires_at",
                        "version");
        assertThat(task.get("id").asText()).isEqualTo(id);
        assertThat(task.get("type").asText()).isEqualTo("equity_analysis");
        assertThat(task.get("status").asText()).isEqualTo("pending");
        assertThat(task.get("estimated_completion").asText()).isEqualTo("2026-12-01T08:30:00.000Z");
        assertThat(task.get("progress").isNumber()).isTrue();
        assertThat(task.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(task.get("updated_at").asText())
                .isEqualTo(task.get("created_at").asText());
        assertThat(task.get("started_at").isNull()).isTrue();
        assertThat(task.get("completed_at").isNull()).isTrue();
        assertThat(task.get("completed_steps").asInt()).isZero();
        assertThat(task.get("total_steps").isNull()).isTrue();
        assertThat(task.get("result").isNull()).isTrue();
        assertThat(task.get("error").isNull()).isTrue();
        assertThat(task.get("version").isIntegralNumber()).isTrue();
    }

    @Test
    void results_roundTripAsJsonValues_notAsStrings() {
        for (String result : List.of(
                "{\"nested\":{\"ok\":true,\"n\":[1,2.5]}}", "[1,\"two\",null]", "42", "0.125", "\"text\"", "true")) {
            String id = uniqueId();
            register(id, "report");

            ApiResponse completed = api.post("/tasks/" + id + "/complete", "{\"result\":" + result + "}");

            assertThat(completed.status()).isEqualTo(200);
            assertThat(completed.body()).contains("\"result\":" + result + ",");
            assertThat(api.get("/tasks/" + id).body()).contains("\"result\":" + result + ",");
        }
    }

    @Test
    void failAndCancel_endTasks_andTheReasonIsKept() {
        String failed = uniqueId();
        String cancelled = uniqueId();
        register(failed, "report");
        register(cancelled, "report");

        ApiResponse fail = api.post("/tasks/" + failed + "/fail", "{\"error\":\"upstream timed out\"}");
        ApiResponse cancel = api.post("/tasks/" + cancelled + "/cancel", null);

        assertThat(fail.status()).isEqualTo(200);
        assertThat(fail.json().get("status").asText()).isEqualTo("failed");
        assertThat(fail.json().get("error").asText()).isEqualTo("upstream timed out");
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(cancel.json().get("completed_at").isNull()).isFalse();
    }

    @Test
    void settingTheTtl_movesTheExpiryToNowPlusTtl() {
        String id = uniqueId();
        register(id, "report");

        Instant before = Instant.now().minusSeconds(1);
        ApiResponse changed = api.put("/tasks/" + id + "/ttl", "{\"ttl_seconds\":3600}");

        assertThat(changed.status()).isEqualTo(200);
        Instant expiresAt = Instant.parse(changed.json().get("expires_at").asText());
        assertThat(expiresAt).isBetween(before.plusSeconds(3600), Instant.now().plusSeconds(3601));
        assertThat(changed.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void listing_pagesWithCursors_throughEveryMatchingTask() {
        String type = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> registered = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            String id = uniqueId();
            register(id, type);
            registered.add(id);
        }

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse page =
                    api.get("/tasks?type=" + type + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(3);
            page.json().get("items").forEach(item -> walked.add(item.get("id").asText()));
            cursor = page.json().get("next_cursor").isNull()
                    ? null
                    : page.json().get("next_cursor").asText();
        } while (cursor != null);

        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void aCursorCutShortEditedOfAnotherFilterOrMadeUp_gets400NamingTheCursor() {
        String type = "cursor-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            register(uniqueId(), type);
        }
        String listing = "/tasks?type=" + type + "&limit=1";
        String cursor = api.get(listing).json().get("next_cursor").asText();
        assertThat(api.get(listing + "&cursor=" + cursor).status())
                .as("the cursor as issued")
                .isEqualTo(200);

        for (int cut = 1; cut <= 4; cut++) {
            assertProblem(api.get(listing + "&cursor=" + cursor.substring(0, cursor.length() - cut)), 400, "cursor");
        }
        int middle = cursor.length() / 2;
        String edited =
                cursor.substring(0, middle) + (cursor.charAt(middle) == 'A' ? 'B' : 'A') + cursor.substring(middle + 1);
        assertProblem(api.get(listing + "&cursor=" + edited), 400, "cursor");
        assertProblem(api.get("/tasks?limit=1&cursor=" + cursor), 400, "cursor");
        assertProblem(api.get("/tasks?type=" + type + "-other&limit=1&cursor=" + cursor), 400, "cursor");
        assertProblem(api.get(listing + "&status=pending&cursor=" + cursor), 400, "cursor");
        assertProblem(api.get(listing + "&cursor=%21%21%21"), 400, "cursor");
        assertProblem(api.get(listing + "&cursor=AAAA"), 400, "cursor");
        assertThat(api.get(listing + "&cursor=")
                        .json()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asText())
                .as("an empty cursor means none: the first page")
                .isEqualTo(api.get(listing).json().get("items").get(0).get("id").asText());
    }

    @Test
    void byDefault_forwardedHeadersAreIgnored_andTheLocationUsesTheRequestsHost() {
        String id = uniqueId();

        ApiResponse created = api.post(
                "/tasks",
                "{\"id\":\"" + id + "\",\"type\":\"report\"}",
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-Host",
                "evil.example",
                "Forwarded",
                "proto=https;host=evil.example");

        assertThat(created.header("Location")).matches("http://127\\.0\\.0\\.1:\\d+/tasks/" + id);
    }

    @Test
    void stats_countLiveTasksByTypeAndStatus() {
        String type = "stats-" + UUID.randomUUID().toString().substring(0, 8);
        String running = uniqueId();
        register(uniqueId(), type);
        register(running, type);
        api.post("/tasks/" + running + "/start", null);

        JsonNode stats = api.get("/stats").json();

        assertThat(stats.get("total_tasks").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.get("tasks_by_type").get(type).asLong()).isEqualTo(2);
        assertThat(stats.get("tasks_by_status").get("running").asLong()).isPositive();
    }

    // --- every error status of the API table -----------------------------------------------

    @Test
    void badInput_gets400ProblemNamingTheField() {
        assertProblem(api.post("/tasks", "{\"type\":\"x\",\"ttl_seconds\":0}"), 400, "ttl_seconds");
        assertProblem(api.post("/tasks", "{\"type\":\"x\",\"ttl_seconds\":1.5}"), 400, "ttl_seconds");
        assertProblem(api.post("/tasks", "{\"type\":\"x\",\"ttl_seconds\":\"60\"}"), 400, "ttl_seconds");
        assertProblem(api.post("/tasks", "{\"type\":\"x\",\"ttl_seconds\":999999999}"), 400, "ttl_seconds");
        assertProblem(api.post("/tasks", "{\"query\":\"no type\"}"), 400, "type");
        assertProblem(api.post("/tasks", "{\"type\":\"Upper\"}"), 400, "type");
        assertProblem(api.post("/tasks", "{\"type\":5}"), 400, "type");
        assertProblem(api.post("/tasks", "{\"type\":\"x\",\"id\":\"a:b\"}"), 400, "id");
        assertProblem(api.post("/tasks", "{\"type\":\"x\",\"colour\":\"red\"}"), 400, "colour");
        assertProblem(api.post("/tasks", "{\"type\":\"x\",\"total_steps\":0}"), 400, "total_steps");
        assertProblem(
                api.post("/tasks", "{\"type\":\"x\",\"estimated_completion\":\"soon\"}"), 400, "estimated_completion");
        assertThat(api.post("/tasks", "{\"type\":").status()).isEqualTo(400);
        assertProblem(api.post("/tasks", ""), 400, "body");
        assertProblem(api.get("/tasks?limit=0"), 400, "limit");
        assertProblem(api.get("/tasks?limit=1001"), 400, "limit");
        assertProblem(api.get("/tasks?limit=ten"), 400, "limit");
        assertProblem(api.get("/tasks?status=done"), 400, "status");
        assertProblem(api.get("/tasks?cursor=forged"), 400, "cursor");
        assertProblem(api.get("/tasks/bad%20id"), 400, "id");

        String id = uniqueId();
        register(id, "report");
        assertProblem(api.post("/tasks/" + id + "/progress", "{\"progress\":1.5}"), 400, "progress");
        assertProblem(api.post("/tasks/" + id + "/progress", "{\"completed_steps\":5}"), 400, "completed_steps");
        assertProblem(api.post("/tasks/" + id + "/progress", "{\"completed_steps\":-1}"), 400, "completed_steps");
        assertProblem(api.post("/tasks/" + id + "/progress", "{}"), 400, "progress");
        assertProblem(api.post("/tasks/" + id + "/fail", "{}"), 400, "error");
        assertProblem(api.put("/tasks/" + id + "/ttl", "{}"), 400, "ttl_seconds");
        assertProblem(api.post("/tasks/" + id + "/start", null, "If-Match", "version-one"), 400, "If-Match");
        assertThat(api.get("/tasks/" + id).json().get("version").asInt())
                .as("nothing was changed")
                .isEqualTo(1);
    }

    @Test
    void textThatIsNotValidUnicode_gets400NamingTheField_andNothingIsStored() {
        String id = uniqueId();
        register(id, "unicode");
        api.post("/tasks/" + id + "/start", null);
        String unregistered = uniqueId();

        assertProblem(api.post("/tasks/" + id + "/complete", "{\"result\":\"\\ud800\"}"), 400, "result");
        assertProblem(api.post("/tasks/" + id + "/complete", "{\"result\":{\"\\udc00\":1}}"), 400, "result");
        assertProblem(api.post("/tasks/" + id + "/fail", "{\"error\":\"broke \\ud83d\"}"), 400, "error");
        assertProblem(
                api.post("/tasks", "{\"id\":\"" + unregistered + "\",\"type\":\"unicode\",\"query\":\"\\udfff\"}"),
                400,
                "query");

        assertThat(api.get("/tasks/" + unregistered).status()).isEqualTo(404);
        ApiResponse unchanged = api.get("/tasks/" + id);
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.json().get("status").asText()).isEqualTo("running");
        assertThat(unchanged.header("ETag")).isEqualTo("\"2\"");
        assertThat(api.get("/tasks?type=unicode&limit=1000").status()).isEqualTo(200);
    }

    @Test
    void escapedSurrogatePairs_areAcceptedInEveryTextAndKey_andReadBackExactly() {
        String grin = "\ud83d\ude00";
        String completed = uniqueId();
        String failed = uniqueId();

        ApiResponse registered = api.post(
                "/tasks", "{\"id\":\"" + completed + "\",\"type\":\"unicode\",\"query\":\"\\ud83d\\ude00 q\"}");
        ApiResponse done =
                api.post("/tasks/" + completed + "/complete", "{\"result\":{\"\\ud83d\\ude00\":\"\\ud83d\\ude00\"}}");
        api.post("/tasks", "{\"id\":\"" + failed + "\",\"type\":\"unicode\"}");
        ApiResponse broken = api.post("/tasks/" + failed + "/fail", "{\"error\":\"\\ud83d\\ude00\"}");

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(broken.status()).as(broken.toString()).isEqualTo(200);
        JsonNode stored = api.get("/tasks/" + completed).json();
        assertThat(stored.get("query").asText()).isEqualTo(grin + " q");
        assertThat(stored.get("result").get(grin).asText()).isEqualTo(grin);
        assertThat(api.get("/tasks/" + failed).json().get("error").asText()).isEqualTo(grin);
        assertThat(api.get("/tasks?type=unicode&status=completed&limit=1000")
                        .json()
                        .get("items"))
                .anySatisfy(item ->
                        assertThat(item.get("result").get(grin).asText()).isEqualTo(grin));
    }

    @Test
    void duplicateKeysAndOutOfRangeWholeNumbers_get400NamingTheField() {
        assertProblem(api.post("/tasks", "{\"type\":\"a\",\"type\":\"b\"}"), 400, "type");
        ApiResponse outOfRange = api.post("/tasks", "{\"type\":\"x\",\"total_steps\":2147483648}");

        assertProblem(outOfRange, 400, "total_steps");
        assertThat(outOfRange.json().get("detail").asText()).contains("2147483647");
    }

    @Test
    void unknownAndExpiredTasks_get404() {
        assertProblem(api.get("/tasks/" + uniqueId()), 404, null);
        assertProblem(api.post("/tasks/" + uniqueId() + "/start", null), 404, null);
        assertProblem(api.delete("/tasks/" + uniqueId()), 404, null);

        String shortLived = uniqueId();
        api.post("/tasks", "{\"id\":\"" + shortLived + "\",\"type\":\"x\",\"ttl_seconds\":1}");
        // A generous bound on a 1 s expiry: on a loaded machine one read alone has taken over 5 s.
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/tasks/" + shortLived).status() == 404);
        assertProblem(api.post("/tasks/" + shortLived + "/start", null), 404, null);
        assertThat(api.get("/tasks/" + shortLived).status())
                .as("the failed update did not bring it back")
                .isEqualTo(404);
    }

    @Test
    void conflicts_get409() {
        String id = uniqueId();
        register(id, "report");

        assertProblem(api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"report\"}"), 409, null);
        api.post("/tasks/" + id + "/cancel", null);
        ApiResponse illegal = api.post("/tasks/" + id + "/complete", null);
        assertProblem(illegal, 409, null);
        assertThat(illegal.json().get("detail").asText()).contains("cancelled");
        assertProblem(api.post("/tasks/" + id + "/start", null), 409, null);
    }

    @Test
    void staleIfMatch_gets412_andChangesNothing() {
        String id = uniqueId();
        register(id, "report");
        api.post("/tasks/" + id + "/start", null);

        assertProblem(api.post("/tasks/" + id + "/cancel", null, "If-Match", "\"1\""), 412, "If-Match");
        assertProblem(api.put("/tasks/" + id + "/ttl", "{\"ttl_seconds\":60}", "If-Match", "\"1\""), 412, "If-Match");
        assertProblem(api.delete("/tasks/" + id, "If-Match", "\"1\""), 412, "If-Match");

        ApiResponse current = api.get("/tasks/" + id);
        assertThat(current.json().get("status").asText()).isEqualTo("running");
        assertThat(current.header("ETag")).isEqualTo("\"2\"");
        assertThat(api.delete("/tasks/" + id, "If-Match", "\"2\"").status()).isEqualTo(204);
    }

    @Test
    void bodyOverOneMebibyte_gets413_andNothingIsStored() {
        String id = uniqueId();
        String huge = "{\"id\":\"" + id + "\",\"type\":\"x\",\"query\":\"" + "a".repeat(1024 * 1024) + "\"}";

        assertProblem(api.post("/tasks", huge), 413, null);

        assertThat(api.get("/tasks/" + id).status()).isEqualTo(404);
    }

    @Test
    void wrongContentType_gets415() {
        assertProblem(api.send("POST", "/tasks", "text/plain", "{\"type\":\"x\"}"), 415, null);
    }

    @Test
    void unknownRouteAndWrongMethod_get404And405AsProblems() {
        assertProblem(api.get("/no-such-thing"), 404, null);
        assertProblem(api.send("PATCH", "/tasks/" + uniqueId(), JSON, "{}"), 405, null);
        assertProblem(api.send("PUT", "/stats", JSON, "{}"), 405, null);
    }

    protected static void assertProblem(ApiResponse response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("type").asText()).startsWith("https://");
        assertThat(problem.get("detail").asText())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        if (field != null) {
            assertThat(problem.get("field").asText()).isEqualTo(field);
            if (status == 400) {
                assertThat(problem.get("detail").asText()).contains(field);
            }
        }
    }
}
