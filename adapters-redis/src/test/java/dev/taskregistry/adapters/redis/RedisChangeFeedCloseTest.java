package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.FeedEvent;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.testing.WaitingCall;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Closing the repository stops its stream reader and closes every subscription, waking one that waits. */
class RedisChangeFeedCloseTest {

    @RegisterExtension
    final SharedRedisNamespace namespace = new SharedRedisNamespace();

    @Test
    void closingTheRepository_closesEverySubscription_andWakesAWaitingOne() throws Exception {
        RedisTaskRepository repository = namespace.openRepository();
        TaskChangeFeed feed = repository.changeFeed();
        FeedSubscription idle = feed.subscribe(TaskChangeFilter.all(), Optional.empty());
        FeedSubscription waiting = feed.subscribe(TaskChangeFilter.all(), Optional.empty());
        try (WaitingCall<Optional<FeedEvent>> call = WaitingCall.start(() -> waiting.next(Duration.ofMinutes(10)))) {
            call.awaitParked();

            repository.close();

            assertThat(call.result()).isEmpty();
        }
        assertThat(idle.isOpen()).isFalse();
        assertThat(waiting.isOpen()).isFalse();
        assertThat(feed.openSubscriptions()).isZero();
    }
}
