package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A position is a stream id tagged with its registry: one this feed did not issue is a gap, even when it is a
 * well-formed stream id of another registry or of a time still to come, never a silent jump.
 */
class RedisFeedPositionTest {

    @RegisterExtension
    final SharedRedisNamespace own = new SharedRedisNamespace();

    @RegisterExtension
    final SharedRedisNamespace other = new SharedRedisNamespace();

    private final RedisTaskRepository repository = own.openRepository();
    private final TaskChangeFeed feed = repository.changeFeed();

    @Test
    void aPositionOfAnotherRegistry_isAGap() {
        RedisTaskRepository elsewhere = other.openRepository();
        FeedPosition foreign = elsewhere.changeFeed().head();
        repository.register(TestTasks.pendingTask(Instant.now()));
        elsewhere.register(TestTasks.pendingTask(Instant.now()));

        assertThat(feed.replay(foreign, TaskChangeFilter.all(), 10)).isInstanceOf(FeedGap.class);
    }

    @Test
    void aPositionPastEveryEntryTheStreamHad_isAGap() {
        repository.register(TestTasks.pendingTask(Instant.now()));
        String head = feed.head().value();
        String tag = head.substring(head.indexOf('.'));
        FeedPosition future = FeedPosition.of(Long.MAX_VALUE / 2 + "-0" + tag);

        assertThat(feed.replay(future, TaskChangeFilter.all(), 10))
                .isInstanceOfSatisfying(
                        FeedGap.class, gap -> assertThat(gap.resumeAfter()).isEqualTo(feed.head()));
    }

    @Test
    void theHeadOfAnEmptyRegistry_isAPositionItsFeedAccepts() {
        FeedPosition empty = feed.head();
        repository.register(TestTasks.pendingTask(Instant.now()));

        assertThat(feed.replay(empty, TaskChangeFilter.all(), 10)).isNotInstanceOf(FeedGap.class);
    }
}
