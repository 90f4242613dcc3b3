package dev.taskregistry.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A page that was away longer than the feed retains: the registry keeps only 10 changes here, the page's stream is
 * ended (Redis paused) and its reconnects blocked in the browser (DevTools) while 300 changes are made, one of them
 * deleting a task the page shows. Resuming with its Last-Event-ID then gets {@code event: reset}, and the page lists
 * the tasks again instead of going on with rows the feed can no longer correct.
 */
class DashboardResetIT {

    private DashboardService service;
    private Browser browser;

    @RegisterExtension
    final EvidenceOnFailure evidence = new EvidenceOnFailure(() -> browser);

    @BeforeEach
    void start() {
        browser = Browser.start();
        service = DashboardService.start("dashboard-reset", 2, Map.of("TASKREGISTRY_FEED_RETENTION", "10"));
    }

    @AfterEach
    void stop() {
        try {
            browser.close();
        } finally {
            service.close();
        }
    }

    @Test
    void aPageBehindTheFeedsRetention_listsTheTasksAgain() {
        ApiClient api = service.worker(0);
        register(api, "kept", 1_000);
        register(api, "deleted", 2);
        DashboardPage page =
                DashboardPage.open(browser, service.dashboard(1, "type=reset")).awaitLive();
        // A change seen through the feed, so that the page holds a position to resume from.
        assertThat(api.post("/tasks/kept/progress", "{\"completed_steps\":1}").status())
                .isEqualTo(200);
        page.awaitProgress("kept", 0.001, "1/1000");
        page.awaitRow("deleted");

        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/events*")));
        service.redis().pause();
        try {
            page.awaitConnection("lost");
        } finally {
            service.redis().resume();
        }
        service.awaitReady();
        assertThat(api.delete("/tasks/deleted").status()).isEqualTo(204);
        // Far more than the 10 retained (Redis trims a stream in whole nodes of 100 entries).
        for (int step = 2; step <= 300; step++) {
            assertThat(api.post("/tasks/kept/progress", "{\"completed_steps\":" + step + "}")
                            .status())
                    .isEqualTo(200);
        }
        browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));

        page.awaitConnection("restored", "live");
        page.awaitNoRow("deleted");
        page.awaitProgress("kept", 0.3, "300/1000");
    }

    private static void register(ApiClient api, String id, int totalSteps) {
        String body =
                "{\"id\":\"%s\",\"type\":\"reset\",\"total_steps\":%d,\"ttl_seconds\":900}".formatted(id, totalSteps);
        assertThat(api.post("/tasks", body).status()).isEqualTo(201);
    }
}
