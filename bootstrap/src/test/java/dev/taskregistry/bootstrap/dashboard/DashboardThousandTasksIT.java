package dev.taskregistry.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The dashboard at 1,000 visible tasks while the feed brings 100 changes a second: every change is shown, and the
 * page stays usable. What it cost the page is measured, not asserted (this is a shared 2-core machine): the
 * browser's long tasks (over 50 ms of script, style or layout at once, from the Long Tasks API) during the burst,
 * and how long after the last change the page showed it. The figures are printed and written to
 * {@code target/dashboard-thousand-tasks.txt}.
 */
class DashboardThousandTasksIT {

    private static final int TASKS = 1_000;
    private static final int EVENTS_PER_SECOND = 100;
    private static final int CHANGES = 500;

    private DashboardService service;
    private Browser browser;

    @RegisterExtension
    final EvidenceOnFailure evidence = new EvidenceOnFailure(() -> browser);

    @BeforeEach
    void start() {
        browser = Browser.start();
        service = DashboardService.start("dashboard-thousand", 2, Map.of());
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
    void aThousandVisibleTasks_takeAHundredChangesASecond_andShowEveryOne() throws Exception {
        String type = "thousand-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient api = service.worker(0);
        // A few at a time: a thousand at once would wait for the worker's Redis pool and be answered 503.
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> registered = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                String body = "{\"id\":\"%s-%04d\",\"type\":\"%s\",\"total_steps\":10,\"ttl_seconds\":900}"
                        .formatted(type, i, type);
                registered.add(senders.submit(() -> api.post("/tasks", body).status()));
            }
            for (Future<Integer> status : registered) {
                assertThat(status.get()).isEqualTo(201);
            }
        }

        DashboardPage page = DashboardPage.open(browser, service.dashboard(1, "type=" + type))
                .awaitLive();
        while (page.rowCount() < TASKS) {
            int before = page.rowCount();
            // The first page may still be on its way when the page says it is live.
            browser.patiently().until(d -> d.findElement(By.id("more")).isDisplayed());
            browser.driver().findElement(By.id("more")).click();
            browser.patiently().until(d -> page.rowCount() > before);
        }
        assertThat(page.rowCount()).isEqualTo(TASKS);
        browser.driver()
                .executeScript("window.longTasks = [];"
                        + "new PerformanceObserver(list => window.longTasks.push("
                        + "...list.getEntries().map(entry => entry.duration))).observe({type: 'longtask'});");
        // The instrument first: a 120 ms loop in the page must show as a long task, or the zero below means nothing.
        browser.driver()
                .executeScript(
                        "setTimeout(() => { const start = performance.now(); while (performance.now() - start < 120) {} })");
        browser.patiently().until(d -> longTasks().size() == 1);
        browser.driver().executeScript("window.longTasks = [];");

        long burstStart = System.nanoTime();
        AtomicInteger answered = new AtomicInteger();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < CHANGES; n++) {
                String path = "/tasks/%s-%04d/progress".formatted(type, n);
                String body = "{\"completed_steps\":" + (1 + n % 9) + "}";
                senders.submit(() -> {
                    if (api.post(path, body).status() == 200) {
                        answered.incrementAndGet();
                    }
                });
                long due = burstStart + TimeUnit.SECONDS.toNanos(n + 1) / EVENTS_PER_SECOND;
                TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
            }
        }
        long lastAnswered = System.nanoTime();
        assertThat(answered.get()).isEqualTo(CHANGES);
        double sentPerSecond = CHANGES / ((lastAnswered - burstStart) / 1e9);

        browser.patiently().until(d -> runningRows() == CHANGES);
        Duration catchUp = Duration.ofNanos(System.nanoTime() - lastAnswered);
        page.awaitProgress(type + "-0007", 0.8, "8/10");
        page.openDetail(type + "-0499");

        List<Number> longTasks = longTasks();
        double longest =
                longTasks.stream().mapToDouble(Number::doubleValue).max().orElse(0);
        double total = longTasks.stream().mapToDouble(Number::doubleValue).sum();
        String report = ("dashboard at %d visible tasks: %d changes at %.0f/s (target %d/s); every change shown %d ms"
                        + " after the last answer; long tasks during the burst: %d, longest %.0f ms, %.0f ms in all%n")
                .formatted(
                        TASKS,
                        CHANGES,
                        sentPerSecond,
                        EVENTS_PER_SECOND,
                        catchUp.toMillis(),
                        longTasks.size(),
                        longest,
                        total);
        System.out.print(report);
        Files.writeString(Path.of("target", "dashboard-thousand-tasks.txt"), report);
    }

    @SuppressWarnings("unchecked")
    private List<Number> longTasks() {
        return (List<Number>) browser.driver().executeScript("return window.longTasks");
    }

    private long runningRows() {
        try {
            return (Long) browser.driver()
                    .executeScript("return document.querySelectorAll('#task-rows tr[data-status=running]').length");
        } catch (ClassCastException | NullPointerException e) {
            return -1;
        }
    }
}
