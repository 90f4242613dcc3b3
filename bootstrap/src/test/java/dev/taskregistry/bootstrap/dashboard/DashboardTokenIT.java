package dev.taskregistry.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard of a registry that needs a bearer token: without it the page asks for the token and shows no data;
 * a wrong one is refused; the right one, typed once, is kept for the tab (a reload does not ask again) and also opens
 * the live feed, which EventSource could not (it cannot send the header).
 */
class DashboardTokenIT {

    private static final String TOKEN = "dashboard-token-0123456789";
    private static final String AUTHORIZATION = "Bearer " + TOKEN;

    private DashboardService service;
    private Browser browser;

    @RegisterExtension
    final EvidenceOnFailure evidence = new EvidenceOnFailure(() -> browser);

    @BeforeEach
    void start() {
        browser = Browser.start();
        service = DashboardService.start("dashboard-token", 2, Map.of("TASKREGISTRY_API_TOKEN", TOKEN));
    }

    @AfterEach
    void stop() {
        try {
            browser.close();
        } finally {
            service.close();
        }
    }

    private void register(String id) {
        assertThat(service.worker(0)
                        .post(
                                "/tasks",
                                "{\"id\":\"" + id + "\",\"type\":\"secret_work\",\"query\":\"q\"}",
                                "Authorization",
                                AUTHORIZATION)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void withoutTheTokenThePageAsksForIt_andShowsNoData_andTheTokenOnceGivenServesTheTab() {
        register("secret-1");
        DashboardPage page = DashboardPage.open(browser, service.dashboard(1, ""));

        page.awaitTokenPrompt();
        assertThat(page.showsBoard()).isFalse();
        assertThat(page.rowCount()).isZero();
        assertThat(page.statisticsShown()).isZero();

        page.enterToken("not-the-token");
        page.awaitTokenPrompt();
        browser.patiently().until(d -> page.showsTokenRefused());
        assertThat(page.rowCount()).isZero();

        page.enterToken(TOKEN);
        page.awaitLive();
        page.awaitRow("secret-1");
        register("secret-2");
        page.awaitRow("secret-2");

        DashboardPage reloaded = DashboardPage.open(browser, service.dashboard(1, ""));
        reloaded.awaitLive();
        reloaded.awaitRow("secret-2");
        assertThat(reloaded.asksForToken()).isFalse();
    }
}
