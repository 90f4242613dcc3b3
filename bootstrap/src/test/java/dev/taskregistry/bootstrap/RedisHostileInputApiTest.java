package dev.taskregistry.bootstrap;

import static dev.taskregistry.bootstrap.TaskApiContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.redis.testing.OwnRedisServerExtension;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Hostile and malformed input against a Redis the test owns: each request gets its exact status and a
 * problem naming the field, nothing is stored, and no key outside the registry's prefix ever appears.
 */
@HelidonTest
class RedisHostileInputApiTest {

    private static final String PREFIX = "hostile";
    private static final String EXISTING = "existing-task";

    @RegisterExtension
    static final OwnRedisServerExtension ownRedis = new OwnRedisServerExtension();

    private ApiClient api;

    @AddConfigSource
    static ConfigSource redisStore() {
        return RedisStoreConfig.of(ownRedis.server().url(), PREFIX);
    }

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();
        if (api.get("/tasks/" + EXISTING).status() == 404) {
            assertThat(api.post("/tasks", "{\"id\":\"" + EXISTING + "\",\"type\":\"report\",\"total_steps\":4}")
                            .status())
                    .isEqualTo(201);
        }
    }

    @Test
    void malformedRegistrations_get400NamingTheField_andStoreNothing() {
        assertRejected(api.post("/tasks", "{\"type\":\"report\""), 400, null);
        assertRejected(api.post("/tasks", "not json at all"), 400, null);
        assertRejected(api.post("/tasks", ""), 400, "body");
        assertRejected(api.post("/tasks", "{}"), 400, "type");
        assertRejected(api.post("/tasks", "{\"type\":null}"), 400, "type");
        assertRejected(api.post("/tasks", "[\"type\",\"report\"]"), 400, null);
        assertRejected(api.post("/tasks", "{\"type\":[\"report\"]}"), 400, "type");
        assertRejected(api.post("/tasks", "{\"type\":true}"), 400, "type");
        assertRejected(api.post("/tasks", "{\"type\":\"report\",\"total_steps\":\"4\"}"), 400, "total_steps");
        assertRejected(api.post("/tasks", "{\"type\":\"report\",\"admin\":true}"), 400, "admin");
        for (String ttl : new String[] {"0", "-5", "604801", "1.5", "\"60\"", "1e3"}) {
            assertRejected(api.post("/tasks", "{\"type\":\"report\",\"ttl_seconds\":" + ttl + "}"), 400, "ttl_seconds");
        }
        assertRejected(api.post("/tasks", "{\"type\":\"report\",\"total_steps\":-1}"), 400, "total_steps");
        assertRejected(api.post("/tasks", "{\"type\":\"Report\"}"), 400, "type");
        assertRejected(api.post("/tasks", "{\"type\":\"" + "t".repeat(65) + "\"}"), 400, "type");
    }

    @Test
    void idsThatCouldLeaveTheNamespace_areRejected() {
        for (String id : new String[] {
            "a:b",
            "*",
            "a*",
            "{hostile}",
            "a}",
            "{",
            "a b",
            "a/b",
            "..",
            "../x",
            "tâche",
            "id\u0000",
            "x".repeat(129),
            "",
            "-leading"
        }) {
            String body = "{\"id\":\"" + id.replace("\u0000", "\\u0000") + "\",\"type\":\"report\"}";
            assertRejected(api.post("/tasks", body), 400, "id");
        }
        for (String id : new String[] {"a:b", "a*", "{x}", "a b", "tâche", "x".repeat(129)}) {
            assertRejected(
                    api.get("/tasks/"
                            + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")),
                    400,
                    "id");
        }
    }

    @Test
    void malformedChanges_get400_andChangeNothing() {
        String task = "/tasks/" + EXISTING;
        assertRejected(api.post(task + "/progress", "{\"progress\":-0.1}"), 400, "progress");
        assertRejected(api.post(task + "/progress", "{\"progress\":1.01}"), 400, "progress");
        assertRejected(api.post(task + "/progress", "{\"completed_steps\":5}"), 400, "completed_steps");
        assertRejected(api.post(task + "/progress", "{\"completed_steps\":-1}"), 400, "completed_steps");
        assertRejected(api.post(task + "/progress", "{\"total_steps\":-3}"), 400, "total_steps");
        assertRejected(api.post(task + "/fail", "{\"error\":\"\"}"), 400, "error");
        assertRejected(api.put(task + "/ttl", "{\"ttl_seconds\":0}"), 400, "ttl_seconds");
        assertRejected(api.post(task + "/start", null, "If-Match", "1"), 400, "If-Match");
        // A weak tag is a valid If-Match that never matches a change (RFC 9110 strong comparison): 412.
        assertRejected(api.post(task + "/start", null, "If-Match", "W/\"1\""), 412, "If-Match");
        assertThat(api.get(task).json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void badListingParameters_get400NamingTheParameter() {
        assertRejected(api.get("/tasks?limit=0"), 400, "limit");
        assertRejected(api.get("/tasks?limit=1001"), 400, "limit");
        assertRejected(api.get("/tasks?limit=fifty"), 400, "limit");
        assertRejected(api.get("/tasks?status=RUNNING"), 400, "status");
        assertRejected(api.get("/tasks?type=" + URLEncoder.encode("*", StandardCharsets.UTF_8)), 400, "type");
        String cursor = api.get("/tasks?limit=1").json().get("next_cursor").asText("");
        String forged = "djE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5OnsqfQ";
        assertRejected(api.get("/tasks?cursor=" + forged), 400, "cursor");
        assertRejected(api.get("/tasks?cursor=%21%21%21"), 400, "cursor");
        if (!cursor.isEmpty()) {
            assertRejected(api.get("/tasks?cursor=" + cursor.substring(0, cursor.length() / 2)), 400, "cursor");
        }
        assertRejected(api.get("/tasks?cursor=AAAA"), 400, "cursor");
    }

    @Test
    void oversizedWrongTypeUnknownRouteAndWrongMethod_getTheirStatuses() {
        assertRejected(
                api.post("/tasks", "{\"type\":\"report\",\"query\":\"" + "q".repeat(1024 * 1024 + 1) + "\"}"),
                413,
                null);
        assertRejected(api.send("POST", "/tasks", "text/plain", "{\"type\":\"report\"}"), 415, null);
        assertRejected(api.send("POST", "/tasks", "application/xml", "<task/>"), 415, null);
        assertRejected(api.get("/tasks/" + EXISTING + "/secrets"), 404, null);
        assertRejected(api.get("/admin"), 404, null);
        assertRejected(api.send("PATCH", "/tasks/" + EXISTING, "application/json", "{}"), 405, null);
        assertRejected(api.send("DELETE", "/tasks", null, null), 405, null);
    }

    /** Asserts the problem answer, then that the store holds only the one task every test shares. */
    private void assertRejected(ApiResponse response, int status, String field) {
        assertProblem(response, status, field);
        Set<String> keys = allKeys();
        assertThat(keys)
                .allMatch(key -> key.startsWith("{" + PREFIX + "}:"), "every key is inside the registry's prefix");
        assertThat(keys).filteredOn(key -> key.contains(":task:")).containsExactly("{" + PREFIX + "}:task:" + EXISTING);
    }

    private static Set<String> allKeys() {
        Set<String> keys = new HashSet<>();
        try (RedisClient client =
                RedisClient.create(URI.create(ownRedis.server().url()))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, new ScanParams().count(1000));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return keys;
    }
}
