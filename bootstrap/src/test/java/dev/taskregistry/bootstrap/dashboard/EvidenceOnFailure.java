package dev.taskregistry.bootstrap.dashboard;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Saves the browser's evidence (screenshot, DOM, console) of a failed test right after the test method, before any
 * {@code @AfterEach} closes the browser (a {@code TestWatcher} would only be told after that).
 */
final class EvidenceOnFailure implements AfterTestExecutionCallback {

    private final Supplier<Browser> browser;

    EvidenceOnFailure(Supplier<Browser> browser) {
        this.browser = browser;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Browser current = browser.get();
        if (context.getExecutionException().isPresent() && current != null) {
            current.saveEvidence(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName());
        }
    }
}
