package dev.taskregistry.bootstrap;

import dev.taskregistry.application.feed.FeedUseCases;
import dev.taskregistry.domain.TaskChangeFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The change feed's load on this worker at {@code /metrics}: the subscribers admitted (streams and waiting
 * polls, bounded by {@code taskregistry.feed.max-subscribers}) and the feed subscriptions they hold. Both fall
 * back to 0 when the clients have gone.
 */
@ApplicationScoped
class FeedGauges {

    void register(
            @Observes @Initialized(ApplicationScoped.class) Object started,
            MetricRegistry registry,
            FeedUseCases feed,
            TaskChangeFeed changeFeed) {
        registry.gauge(
                Metadata.builder()
                        .withName("taskregistry.feed.subscribers")
                        .withDescription("Event streams and waiting long-polls this worker serves now")
                        .build(),
                feed.subscribers(),
                limit -> limit.admitted());
        registry.gauge(
                Metadata.builder()
                        .withName("taskregistry.feed.subscriptions")
                        .withDescription("Change-feed subscriptions open in this worker")
                        .build(),
                changeFeed,
                TaskChangeFeed::openSubscriptions);
    }
}
