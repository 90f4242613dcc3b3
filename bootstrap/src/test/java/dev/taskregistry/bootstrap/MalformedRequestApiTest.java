package dev.taskregistry.bootstrap;

import static dev.taskregistry.bootstrap.TaskApiContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that are wrong below the JSON level (malformed percent-escapes, bytes that are not UTF-8, an
 * over-long request line, bad headers) and HTTP details (If-Match lists, Allow, empty parameters): every
 * error is problem+json, naming the part that is wrong wherever it can be known.
 */
@HelidonTest
class MalformedRequestApiTest {

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();
    }

    @Test
    void aMalformedPercentEscape_inThePath_getsAProblemNamingThePath() {
        assertProblem(api.sendRaw("GET /tasks/%ZZ HTTP/1.1\r\nHost: test"), 400, "path");
    }

    @Test
    void aMalformedPercentEscape_inTheQuery_getsAProblem() {
        ApiResponse response = api.sendRaw("GET /tasks?status=%ZZ HTTP/1.1\r\nHost: test");

        assertProblem(response, 400, null);
        assertThat(response.json().get("detail").asText()).contains("two hex digits");
    }

    @Test
    void escapedBytesThatAreNotUtf8_getAProblemNamingThePathOrParameter() {
        assertProblem(api.get("/tasks?status=%C3%28"), 400, "status");
        assertProblem(api.get("/tasks?type=ok&cursor=%FF"), 400, "cursor");
        assertProblem(api.get("/tasks/a%C3%28"), 400, "path");
    }

    @Test
    void aRequestLineOverTheServersLimit_getsAProblem() {
        assertProblem(api.sendRaw("GET /tasks/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: test"), 414, null);
    }

    @Test
    void aHeaderThatIsNotPrintable_getsAProblem() {
        assertProblem(api.sendRaw("GET /tasks HTTP/1.1\r\nHost: test\r\nX-Odd: a\u0001b"), 400, null);
    }

    @Test
    void unknownTasksPathsMethodsAndMediaTypes_nameWhatIsWrong() {
        assertProblem(api.get("/tasks/never-registered-here"), 404, "id");
        assertProblem(api.get("/nothing/here"), 404, "path");
        assertProblem(api.send("PATCH", "/tasks/some-id", "application/json", "{}"), 405, "method");
        assertProblem(api.get("/tasks/some-id", "Accept", "text/html"), 406, "Accept");
        assertProblem(api.send("POST", "/tasks", "text/plain", "{}"), 415, "Content-Type");
        assertProblem(api.post("/tasks", "{\"type\":"), 400, "body");
    }

    @Test
    void theAllowHeaderOf405_listsHeadWhereGetIsAllowed() {
        ApiResponse response = api.send("PATCH", "/tasks/some-id", "application/json", "{}");

        assertThat(response.header("Allow")).contains("GET").contains("HEAD").contains("DELETE");
    }

    @Test
    void ifMatchLists_matchAnyOfTheirVersions_weakTagsNeverMatch_andMalformedOnesAre400() {
        String id = TaskApiContract.uniqueId();
        api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"http\"}");

        assertThat(api.post("/tasks/" + id + "/start", null, "If-Match", "\"7\", \"1\"")
                        .status())
                .isEqualTo(200);
        assertProblem(api.post("/tasks/" + id + "/cancel", null, "If-Match", "W/\"2\""), 412, "If-Match");
        assertProblem(api.post("/tasks/" + id + "/cancel", null, "If-Match", "\"1\" \"2\""), 400, "If-Match");
        assertThat(api.get("/tasks/" + id).json().get("status").asText()).isEqualTo("running");
        assertThat(api.post("/tasks/" + id + "/cancel", null, "If-Match", "*").status())
                .isEqualTo(200);
    }

    @Test
    void emptyQueryParameters_meanAbsent() {
        ApiResponse page = api.get("/tasks?status=&type=&limit=&cursor=");

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().has("items")).isTrue();
    }
}
