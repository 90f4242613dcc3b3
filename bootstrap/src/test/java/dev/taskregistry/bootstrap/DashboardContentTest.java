package dev.taskregistry.bootstrap;

import static dev.taskregistry.bootstrap.TaskApiContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files (module adapters-web) are served at {@code /dashboard/} by Helidon's static content, routed
 * before the JAX-RS application so that its problem+json 404 does not answer for them; an unknown file there is
 * still a problem+json 404. (With the API token set they stay open: {@link ApiTokenTest}.)
 */
@HelidonTest
class DashboardContentTest {

    private final ApiClient api = ApiClient.ofTestedService();

    @Test
    void theDashboardPage_isServedAtItsContextRoot() {
        ApiResponse page = api.get("/dashboard/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<title>Task Registry dashboard</title>");
    }

    @Test
    void theDashboardsScriptsAndStyles_areServedWithTheirTypes() {
        for (String script : new String[] {"app.js", "api.js", "feed.js", "view.js"}) {
            ApiResponse answer = api.get("/dashboard/" + script);
            assertThat(answer.status()).as(script).isEqualTo(200);
            assertThat(answer.header("Content-Type")).as(script).startsWith("text/javascript");
        }
        ApiResponse styles = api.get("/dashboard/dashboard.css");
        assertThat(styles.status()).isEqualTo(200);
        assertThat(styles.header("Content-Type")).startsWith("text/css");
    }

    @Test
    void theDashboardWithoutItsSlash_redirectsToIt() {
        ApiResponse answer = api.get("/dashboard");

        assertThat(answer.status()).isEqualTo(301);
        assertThat(answer.header("Location")).endsWith("/dashboard/");
    }

    @Test
    void anUnknownFileUnderTheDashboard_isAProblemJson404() {
        assertProblem(api.get("/dashboard/missing.js"), 404, "path");
    }
}
