package dev.taskregistry.bootstrap.dashboard;

import java.net.URI;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a user sees it, read through the DOM: every method waits (explicitly, with the browser's patience)
 * for an outcome instead of sleeping, and reads elements afresh, since live updates replace them.
 */
final class DashboardPage {

    private final Browser browser;
    private final ChromeDriver driver;

    private DashboardPage(Browser browser) {
        this.browser = browser;
        this.driver = browser.driver();
    }

    static DashboardPage open(Browser browser, URI address) {
        browser.driver().get(address.toString());
        return new DashboardPage(browser);
    }

    private WebDriverWait patiently() {
        return browser.patiently();
    }

    /** The connection badge's state: connecting, live, lost or restored. */
    String connection() {
        return driver.findElement(By.id("connection")).getAttribute("data-state");
    }

    String connectionText() {
        return driver.findElement(By.id("connection")).getText();
    }

    void awaitConnection(String... states) {
        patiently().until(d -> List.of(states).contains(connection()));
    }

    /** Live: subscribed to the feed, and the first state drawn. */
    DashboardPage awaitLive() {
        awaitConnection("live", "restored");
        return this;
    }

    private By row(String id) {
        return By.cssSelector("#task-rows tr[data-id='" + id + "']");
    }

    boolean shows(String id) {
        return !driver.findElements(row(id)).isEmpty();
    }

    void awaitRow(String id) {
        patiently().until(d -> shows(id));
    }

    void awaitNoRow(String id) {
        patiently().until(d -> !shows(id));
    }

    void awaitBadge(String id, String status) {
        patiently()
                .until(d -> !d.findElements(By.cssSelector("#task-rows tr[data-id='" + id + "'] .badge." + status))
                        .isEmpty());
    }

    String badge(String id) {
        return driver.findElement(row(id)).findElement(By.cssSelector(".badge")).getText();
    }

    /** Waits until the task's progress bar shows {@code value} (0 to 1) and its steps read {@code steps}. */
    void awaitProgress(String id, double value, String steps) {
        patiently().until(d -> {
            List<WebElement> rows = d.findElements(row(id));
            if (rows.isEmpty()) {
                return false;
            }
            WebElement bar = rows.getFirst().findElement(By.tagName("progress"));
            String shownSteps =
                    rows.getFirst().findElement(By.cssSelector(".steps")).getText();
            return Math.abs(Double.parseDouble(bar.getDomProperty("value")) - value) < 1e-9 && shownSteps.equals(steps);
        });
    }

    /** The count the statistics show for a status or a type ({@code kind} is "status" or "type"); 0 when absent. */
    int count(String kind, String name) {
        // Read in one script: the statistics are redrawn as events arrive, so elements found earlier may be gone.
        Object count = driver.executeScript(
                "const item = [...document.querySelectorAll('#stats-' + arguments[0] + ' li')]"
                        + ".find(li => li.dataset[arguments[0]] === arguments[1]);"
                        + "return item ? item.querySelector('.count').textContent : '0';",
                kind,
                name);
        return Integer.parseInt((String) count);
    }

    void awaitCount(String kind, String name, int expected) {
        patiently().until(d -> count(kind, name) == expected);
    }

    /** The length of a statistics bar, in percent of the longest one of its chart (0 when absent). */
    double barPercent(String kind, String name) {
        Object width = driver.executeScript(
                "const item = [...document.querySelectorAll('#stats-' + arguments[0] + ' li')]"
                        + ".find(li => li.dataset[arguments[0]] === arguments[1]);"
                        + "return item ? item.querySelector('.fill').style.width : '0%';",
                kind, name);
        return Double.parseDouble(((String) width).replace("%", ""));
    }

    void filterByStatus(String status) {
        new Select(driver.findElement(By.id("filter-status"))).selectByValue(status);
    }

    void clearFilters() {
        driver.findElement(By.id("filter-clear")).click();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    void openDetail(String id) {
        driver.findElement(row(id))
                .findElement(By.cssSelector("button.task-link"))
                .click();
        patiently()
                .until(d -> d.findElement(By.id("detail")).isDisplayed()
                        && d.findElement(By.id("detail-id")).getText().equals(id));
    }

    String detail(String field) {
        return driver.findElement(By.id("detail-" + field)).getText();
    }

    /** Presses Tab until the keyboard focus is on the id of task {@code id} (at most {@code limit} times). */
    boolean tabTo(String id, int limit) {
        for (int i = 0; i < limit; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement focused = driver.switchTo().activeElement();
            if (focused.getTagName().equals("button") && focused.getText().equals(id)) {
                return true;
            }
        }
        return false;
    }

    void press(Keys key) {
        new Actions(driver).sendKeys(key).perform();
    }

    boolean detailShown() {
        return driver.findElement(By.id("detail")).isDisplayed();
    }

    String focusedId() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    String focusedText() {
        return driver.switchTo().activeElement().getText();
    }

    /** Whether the page fits the window's width: only the table may scroll sideways, inside its own box. */
    boolean fitsTheWindowsWidth() {
        return (Boolean) driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
    }

    boolean isDisplayed(String elementId) {
        return driver.findElement(By.id(elementId)).isDisplayed();
    }

    boolean asksForToken() {
        return driver.findElement(By.id("token-form")).isDisplayed();
    }

    void awaitTokenPrompt() {
        patiently().until(d -> asksForToken());
    }

    boolean showsBoard() {
        return driver.findElement(By.id("board")).isDisplayed();
    }

    int rowCount() {
        return driver.findElements(By.cssSelector("#task-rows tr")).size();
    }

    int statisticsShown() {
        return driver.findElements(By.cssSelector("#stats li")).size();
    }

    void enterToken(String token) {
        WebElement input = driver.findElement(By.id("token-input"));
        input.clear();
        input.sendKeys(token);
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    }

    boolean showsTokenRefused() {
        return driver.findElement(By.id("token-error")).isDisplayed();
    }
}
