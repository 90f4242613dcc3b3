package dev.taskregistry.domain.testing;

import static dev.taskregistry.domain.TaskChangeKind.DELETED;
import static dev.taskregistry.domain.TaskChangeKind.EXPIRED;
import static dev.taskregistry.domain.TaskChangeKind.REGISTERED;
import static dev.taskregistry.domain.TaskChangeKind.UPDATED;
import static dev.taskregistry.domain.testing.FeedReading.nextChange;
import static dev.taskregistry.domain.testing.FeedReading.nextChanges;
import static dev.taskregistry.domain.testing.FeedReading.nextGap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.FeedEvent;
import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedReplay;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link TaskChangeFeed} contract of DESIGN.md §10, run by every adapter's tests against the feed and the
 * repository of one store. A subclass supplies both, fresh per test, the time they follow and the feed's
 * retention. Expiry is an event when the store notices it: the contract triggers that with statistics and a
 * listing, before which every store prunes. Presence is awaited within {@link FeedReading#PATIENCE}; absence
 * is read from a replay, never from a wait that merely ran out.
 */
public abstract class TaskChangeFeedContract {

    /** The smallest retention the contract works with: no test but the gap tests writes this many changes. */
    public static final int MIN_RETAINED_CHANGES = 200;

    private static final TaskType ANALYSIS = TaskType.of("equity_analysis");
    private static final TaskType REPORT = TaskType.of("report");
    private static final Duration LONG_WAIT = Duration.ofMinutes(10);
    private static final Duration SHORT_WAIT = Duration.ofMillis(50);
    private static final int WRITERS = 8;

    protected TaskRepository repository;
    protected TaskChangeFeed feed;
    protected StoreTime time;
    /** The feed's head when the test began: the test's changes are the ones after it. */
    private FeedPosition start;

    /** A repository and its feed that see no change of any other test. */
    protected abstract RepositoryWithFeed createRepositoryWithFeed();

    /** The time the repositories made by {@link #createRepositoryWithFeed()} follow. */
    protected abstract StoreTime storeTime();

    /**
     * How many changes the feed retains, at least {@link #MIN_RETAINED_CHANGES}. A feed that trims approximately
     * (Redis {@code MAXLEN ~}) may keep more: the gap tests write {@code 2 * retainedChanges() + 100} changes.
     */
    protected abstract int retainedChanges();

    @BeforeEach
    void createFeedUnderTest() {
        assertThat(retainedChanges()).as("the retention under test").isGreaterThanOrEqualTo(MIN_RETAINED_CHANGES);
        time = storeTime();
        RepositoryWithFeed store = createRepositoryWithFeed();
        repository = store.repository();
        feed = store.feed();
        start = feed.head();
    }

    @AfterEach
    void everySubscriptionWasReleased_thenReleaseTheStore() throws Exception {
        assertThat(feed.openSubscriptions())
                .as("subscriptions still open after the test")
                .isZero();
        for (Object part : List.of(feed, repository)) {
            if (part instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    // --- one event per stored change -----------------------------------------------------------

    @Test
    void registeringATask_yieldsOneRegisteredChange_carryingTheTaskAsStored() {
        Task task = TestTasks.pendingTask(time.now(), REPORT);

        repository.register(task);

        assertThat(changesSinceStart()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(REGISTERED);
            assertThat(change.taskId()).isEqualTo(task.id());
            assertThat(change.type()).isEqualTo(REPORT);
            assertThat(change.status()).isEqualTo(TaskStatus.PENDING);
            assertThat(change.version()).hasValue(1);
            assertThat(change.task()).isEqualTo(repository.find(task.id())).contains(task);
        });
    }

    @Test
    void everyUpdate_yieldsOneUpdatedChange_inTheOrderOfTheTasksVersions() {
        Instant now = time.now();
        Task registered = TestTasks.pendingTask(now);
        Task started = registered.start(now.plusMillis(1));
        Task progressed = started.reportProgress(ProgressReport.ofSteps(4), now.plusMillis(2));
        Task extended = progressed.withTtl(Duration.ofHours(1), now.plusMillis(3));
        Task completed =
                extended.complete(TaskResult.ofJson("{\"score\":0.9}"), now.plusMillis(4), TestTasks.RETENTION);
        Task keptLonger = completed.withTtl(Duration.ofHours(2), now.plusMillis(5));
        repository.register(registered);
        List.of(started, progressed, extended, completed, keptLonger).forEach(repository::update);

        List<TaskChange> changes = changesSinceStart();

        assertThat(changes)
                .extracting(TaskChange::kind)
                .containsExactly(REGISTERED, UPDATED, UPDATED, UPDATED, UPDATED, UPDATED);
        assertThat(changes)
                .extracting(change -> change.task().orElseThrow())
                .containsExactly(registered, started, progressed, extended, completed, keptLonger);
        assertThat(changes).extracting(TaskChange::position).doesNotHaveDuplicates();
    }

    @Test
    void failingAndCancelling_yieldOneUpdatedChangeEach_withTheTerminalStatus() {
        Instant now = time.now();
        Task failing = TestTasks.pendingTask(now);
        Task cancelling = TestTasks.pendingTask(now);
        repository.register(failing);
        repository.register(cancelling);
        FeedPosition registered = feed.head();

        repository.update(failing.fail("out of memory", now, TestTasks.RETENTION));
        repository.update(cancelling.cancel(now, TestTasks.RETENTION));

        assertThat(changesAfter(registered))
                .extracting(TaskChange::kind, TaskChange::taskId, TaskChange::status)
                .containsExactly(
                        tuple(UPDATED, failing.id(), TaskStatus.FAILED),
                        tuple(UPDATED, cancelling.id(), TaskStatus.CANCELLED));
    }

    @Test
    void deletingATask_yieldsOneDeletedChange_withItsLastStatusAndVersion_butNoTask() {
        Task task = TestTasks.pendingTask(time.now(), REPORT);
        repository.register(task);
        repository.update(task.start(time.now()));

        repository.delete(task.id());

        TaskChange deleted = changesSinceStart().getLast();
        assertThat(deleted.kind()).isEqualTo(DELETED);
        assertThat(deleted.taskId()).isEqualTo(task.id());
        assertThat(deleted.type()).isEqualTo(REPORT);
        assertThat(deleted.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(deleted.version()).hasValue(2);
        assertThat(deleted.task()).isEmpty();
        assertThat(changesSinceStart()).hasSize(3);
    }

    @Test
    void theHead_isThePositionOfTheLatestChange() {
        repository.register(TestTasks.pendingTask(time.now()));
        repository.register(TestTasks.pendingTask(time.now()));

        assertThat(feed.head()).isEqualTo(changesSinceStart().getLast().position());
        assertThat(changesAfter(feed.head())).isEmpty();
    }

    // --- no event for a change that fails -----------------------------------------------------

    @Test
    void registeringALiveIdAgain_yieldsNoChange() {
        Task task = TestTasks.pendingTask(time.now());
        repository.register(task);
        FeedPosition before = feed.head();

        assertThatThrownBy(() -> repository.register(task)).isInstanceOf(TaskAlreadyExists.class);

        assertNoChangeAfter(before);
    }

    @Test
    void aStaleOrSkippingUpdate_yieldsNoChange() {
        Task task = TestTasks.pendingTask(time.now());
        repository.register(task);
        Task started = task.start(time.now());
        repository.update(started);
        FeedPosition before = feed.head();

        assertThatThrownBy(() -> repository.update(task.cancel(time.now(), TestTasks.RETENTION)))
                .isInstanceOf(ConcurrentTaskUpdate.class);
        assertThatThrownBy(() -> repository.update(started.reportProgress(ProgressReport.ofSteps(1), time.now())
                        .withTtl(Duration.ofMinutes(9), time.now())))
                .isInstanceOf(ConcurrentTaskUpdate.class);

        assertNoChangeAfter(before);
    }

    @Test
    void anUpdateOfAnUnknownOrDeletedTask_yieldsNoChange() {
        Task deleted = TestTasks.pendingTask(time.now());
        repository.register(deleted);
        repository.delete(deleted.id());
        FeedPosition before = feed.head();

        assertThatThrownBy(() -> repository.update(deleted.start(time.now()))).isInstanceOf(TaskNotFound.class);
        assertThatThrownBy(() ->
                        repository.update(TestTasks.pendingTask(time.now()).start(time.now())))
                .isInstanceOf(TaskNotFound.class);

        assertNoChangeAfter(before);
    }

    @Test
    void deletingAnUnknownTask_yieldsNoChange() {
        assertThat(repository.delete(TestTasks.uniqueId())).isFalse();

        assertNoChangeAfter(start);
    }

    // --- replay and resume ----------------------------------------------------------------------

    @Test
    void replay_answersAtMostTheLimit_andResumingWhereItStopped_seesEachChangeOnce() {
        List<Task> tasks = registerTasks(7);

        FeedReplay.Changes first = changesPage(feed.replay(start, TaskChangeFilter.all(), 3));
        FeedReplay.Changes second = changesPage(feed.replay(first.resumeAfter(), TaskChangeFilter.all(), 3));
        FeedReplay.Changes third = changesPage(feed.replay(second.resumeAfter(), TaskChangeFilter.all(), 3));
        FeedReplay.Changes end = changesPage(feed.replay(third.resumeAfter(), TaskChangeFilter.all(), 3));

        assertThat(List.of(first, second, third, end))
                .extracting(page -> page.changes().size())
                .containsExactly(3, 3, 1, 0);
        List<TaskChange> walked = new ArrayList<>(first.changes());
        walked.addAll(second.changes());
        walked.addAll(third.changes());
        assertThat(walked).extracting(TaskChange::taskId).containsExactlyElementsOf(ids(tasks));
    }

    @Test
    void replay_refusesALimitOutsideOneToTheMaximum() {
        assertThatThrownBy(() -> feed.replay(start, TaskChangeFilter.all(), 0)).isInstanceOf(InvalidTaskField.class);
        assertThatThrownBy(() -> feed.replay(start, TaskChangeFilter.all(), TaskChangeFeed.MAX_REPLAY_LIMIT + 1))
                .isInstanceOf(InvalidTaskField.class);
    }

    @Test
    void subscribingFromNow_seesOnlyLaterChanges() throws Exception {
        repository.register(TestTasks.pendingTask(time.now()));
        try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.empty())) {
            Task later = TestTasks.pendingTask(time.now());
            repository.register(later);

            assertThat(nextChange(subscription).taskId()).isEqualTo(later.id());
        }
    }

    @Test
    void subscribingAfterAPosition_deliversTheRetainedChangesAfterIt_thenLiveOnes() throws Exception {
        List<Task> earlier = registerTasks(3);
        FeedPosition afterFirst = changesSinceStart().getFirst().position();
        try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.of(afterFirst))) {
            List<TaskChange> retained = nextChanges(subscription, 2);
            Task live = TestTasks.pendingTask(time.now());
            repository.register(live);

            assertThat(retained).extracting(TaskChange::taskId).containsExactlyElementsOf(ids(earlier.subList(1, 3)));
            assertThat(nextChange(subscription).taskId()).isEqualTo(live.id());
        }
    }

    @Test
    void resumingFromTheLastPositionSeen_missesNothing_andSeesNothingTwice() throws Exception {
        List<Task> tasks = new ArrayList<>(registerTasks(4));
        FeedPosition lastSeen;
        try (FeedSubscription first = feed.subscribe(TaskChangeFilter.all(), Optional.of(start))) {
            lastSeen = nextChanges(first, 2).getLast().position();
        }
        tasks.addAll(registerTasks(2));

        List<TaskChange> resumed;
        try (FeedSubscription second = feed.subscribe(TaskChangeFilter.all(), Optional.of(lastSeen))) {
            resumed = nextChanges(second, 4);
        }

        assertThat(resumed).extracting(TaskChange::taskId).containsExactlyElementsOf(ids(tasks.subList(2, 6)));
        assertThat(changesAfter(resumed.getLast().position())).isEmpty();
    }

    // --- gaps -----------------------------------------------------------------------------------

    @Test
    void replayAfterAPositionOlderThanTheRetention_isAGap_resumingAtTheHead() {
        outgrowTheRetention();

        FeedReplay replay = feed.replay(start, TaskChangeFilter.all(), TaskChangeFeed.MAX_REPLAY_LIMIT);

        assertThat(replay)
                .isInstanceOfSatisfying(
                        FeedGap.class, gap -> assertThat(gap.resumeAfter()).isEqualTo(feed.head()));
    }

    @Test
    void subscribingAfterAPositionOlderThanTheRetention_startsWithAGap_thenContinuesAfterIt() throws Exception {
        outgrowTheRetention();
        FeedPosition head = feed.head();
        try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.of(start))) {
            FeedGap gap = nextGap(subscription);
            Task later = TestTasks.pendingTask(time.now());
            repository.register(later);

            assertThat(gap.resumeAfter()).isEqualTo(head);
            assertThat(nextChange(subscription).taskId()).isEqualTo(later.id());
        }
    }

    @Test
    void aSubscriberThatFallsBehindTheRetention_isToldOfTheGap_beforeAnyLaterChange() throws Exception {
        try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.empty())) {
            outgrowTheRetention();

            nextGap(subscription);
            Task later = TestTasks.pendingTask(time.now());
            repository.register(later);
            assertThat(nextChange(subscription).taskId()).isEqualTo(later.id());
        }
    }

    @Test
    void aPositionTheFeedNeverIssued_isAGap() throws Exception {
        FeedPosition foreign = FeedPosition.of("not-issued-by-this-feed");
        repository.register(TestTasks.pendingTask(time.now()));

        assertThat(feed.replay(foreign, TaskChangeFilter.all(), 10)).isInstanceOf(FeedGap.class);
        try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.of(foreign))) {
            assertThat(nextGap(subscription).resumeAfter()).isEqualTo(feed.head());
        }
    }

    // --- filters --------------------------------------------------------------------------------

    @Test
    void aStatusFilter_passesTheChangesThatLeaveATaskInThatStatus_andRemovalsByTheStatusItHad() {
        Instant now = time.now();
        Task running = TestTasks.pendingTask(now);
        Task removed = TestTasks.pendingTask(now);
        Task pending = TestTasks.pendingTask(now);
        List.of(running, removed, pending).forEach(repository::register);
        repository.update(running.start(now));
        repository.update(removed.start(now));
        repository.delete(removed.id());

        assertThat(changesSinceStart(TaskChangeFilter.of(TaskStatus.RUNNING, null)))
                .extracting(TaskChange::taskId, TaskChange::kind)
                .containsExactly(
                        tuple(running.id(), UPDATED), tuple(removed.id(), UPDATED), tuple(removed.id(), DELETED));
    }

    @Test
    void aTypeFilter_passesOnlyTheChangesOfTasksOfThatType() {
        Task analysis = TestTasks.pendingTask(time.now(), ANALYSIS);
        Task report = TestTasks.pendingTask(time.now(), REPORT);
        repository.register(analysis);
        repository.register(report);
        repository.update(report.start(time.now()));
        repository.update(analysis.start(time.now()));

        assertThat(changesSinceStart(TaskChangeFilter.of(null, REPORT)))
                .extracting(TaskChange::taskId, TaskChange::kind)
                .containsExactly(tuple(report.id(), REGISTERED), tuple(report.id(), UPDATED));
        assertThat(changesSinceStart(TaskChangeFilter.of(TaskStatus.PENDING, ANALYSIS)))
                .extracting(TaskChange::taskId)
                .containsExactly(analysis.id());
    }

    @Test
    void aTaskFilter_passesEveryChangeOfThatTask_andNoOther() {
        Task watched = TestTasks.pendingTask(time.now());
        Task other = TestTasks.pendingTask(time.now());
        repository.register(watched);
        repository.register(other);
        repository.update(other.start(time.now()));
        repository.update(watched.start(time.now()));
        repository.delete(watched.id());

        assertThat(changesSinceStart(TaskChangeFilter.ofTask(watched.id())))
                .extracting(TaskChange::taskId, TaskChange::kind)
                .containsExactly(
                        tuple(watched.id(), REGISTERED), tuple(watched.id(), UPDATED), tuple(watched.id(), DELETED));
    }

    @Test
    void aFilteredSubscription_skipsOtherChanges_andDeliversTheNextMatchingOne() throws Exception {
        Task watched = TestTasks.pendingTask(time.now());
        repository.register(watched);
        try (FeedSubscription subscription =
                feed.subscribe(TaskChangeFilter.ofTask(watched.id()), Optional.of(feed.head()))) {
            registerTasks(3);
            assertThat(subscription.next(SHORT_WAIT)).isEmpty();

            repository.update(watched.start(time.now()));

            assertThat(nextChange(subscription).version()).hasValue(2);
        }
    }

    // --- waiting, waking, releasing -------------------------------------------------------------

    @Test
    void aWaitingSubscriber_isWokenByAChangeMadeOnAnotherThread() throws Exception {
        try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.empty());
                WaitingCall<Optional<FeedEvent>> waiting = WaitingCall.start(() -> subscription.next(LONG_WAIT))) {
            waiting.awaitParked();
            Task task = TestTasks.pendingTask(time.now());

            repository.register(task);

            assertThat(waiting.result())
                    .hasValueSatisfying(event -> assertThat(event)
                            .isInstanceOfSatisfying(
                                    TaskChange.class,
                                    change -> assertThat(change.taskId()).isEqualTo(task.id())));
        }
    }

    @Test
    void next_answersEmpty_whenTheWaitPassesWithoutAChange() throws Exception {
        try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.empty())) {
            assertThat(subscription.next(SHORT_WAIT)).isEmpty();
            assertThat(subscription.isOpen()).isTrue();
        }
    }

    @Test
    void closing_wakesAWaitingNext_whichAnswersEmpty_andReleasesTheSubscription() throws Exception {
        FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.empty());
        try (WaitingCall<Optional<FeedEvent>> waiting = WaitingCall.start(() -> subscription.next(LONG_WAIT))) {
            waiting.awaitParked();

            subscription.close();

            assertThat(waiting.result()).isEmpty();
        }
        assertThat(subscription.isOpen()).isFalse();
        assertThat(feed.openSubscriptions()).isZero();
    }

    @Test
    void interruptingAWaitingNext_endsItWithInterruptedException() throws Exception {
        try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.empty());
                WaitingCall<Optional<FeedEvent>> waiting = WaitingCall.start(() -> subscription.next(LONG_WAIT))) {
            waiting.awaitParked();

            waiting.interrupt();

            assertThat(waiting.failure()).isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void eachSubscriptionCountsAsOpen_untilItIsClosed() {
        FeedSubscription all = feed.subscribe(TaskChangeFilter.all(), Optional.empty());
        FeedSubscription running = feed.subscribe(TaskChangeFilter.of(TaskStatus.RUNNING, null), Optional.empty());
        FeedSubscription oneTask = feed.subscribe(TaskChangeFilter.ofTask(TestTasks.uniqueId()), Optional.of(start));
        assertThat(feed.openSubscriptions()).isEqualTo(3);

        all.close();
        running.close();
        assertThat(feed.openSubscriptions()).isEqualTo(1);

        oneTask.close();
        oneTask.close();
        assertThat(feed.openSubscriptions()).isZero();
    }

    @Test
    void aClosedSubscription_answersEmptyAtOnce_evenWhenChangesFollow() throws Exception {
        FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.of(start));
        subscription.close();
        repository.register(TestTasks.pendingTask(time.now()));

        assertThat(subscription.next(LONG_WAIT)).isEmpty();
    }

    // --- concurrent writers ---------------------------------------------------------------------

    @Test
    void concurrentWriters_eachStoredChangeAppearsExactlyOnce_eachTaskInVersionOrder() throws Exception {
        Task contested = TestTasks.pendingTask(time.now());
        repository.register(contested);
        int perWriter = 11;
        int expected = 1 + WRITERS * perWriter;
        List<TaskChange> live;
        try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.of(start));
                WaitingCall<List<TaskChange>> reader = WaitingCall.start(() -> nextChanges(subscription, expected))) {
            ConcurrentWriters.runTogether(WRITERS, () -> writeElevenChanges(contested.id()));
            live = reader.result();
        }

        assertThat(live).containsExactlyElementsOf(changesSinceStart());
        assertThat(live).extracting(TaskChange::position).doesNotHaveDuplicates();
        Map<TaskId, List<TaskChange>> byTask = new LinkedHashMap<>();
        live.forEach(change ->
                byTask.computeIfAbsent(change.taskId(), id -> new ArrayList<>()).add(change));
        byTask.values().forEach(TaskChangeFeedContract::assertInVersionOrder);
        assertThat(byTask.get(contested.id()))
                .extracting(change -> change.version().getAsLong())
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 1 + WRITERS * 3).boxed().toList());
    }

    // --- expiry ---------------------------------------------------------------------------------

    @Test
    void anExpiredTask_yieldsOneExpiredChange_whenStatisticsPruneIt() {
        Task shortLived = registerShortLivedTask();
        time.passBeyond(shortLived.expiresAt());

        repository.stats();
        repository.stats();

        assertExpiredOnce(shortLived);
    }

    @Test
    void anExpiredTask_yieldsOneExpiredChange_whenAListingPrunesIt() {
        Task shortLived = registerShortLivedTask();
        time.passBeyond(shortLived.expiresAt());

        TaskListing.all(repository, TaskFilter.all());
        repository.list(TaskFilter.all(), PageRequest.first(10));

        assertExpiredOnce(shortLived);
    }

    // --- helpers --------------------------------------------------------------------------------

    /** A writer's share: its own task through six versions, a task registered and deleted, three contested updates. */
    private void writeElevenChanges(TaskId contested) {
        Task own = TestTasks.pendingTask(time.now(), ANALYSIS);
        repository.register(own);
        for (int step = 1; step <= 4; step++) {
            own = own.reportProgress(ProgressReport.ofSteps(step), time.now());
            repository.update(own);
        }
        repository.update(own.complete(null, time.now(), TestTasks.RETENTION));
        Task removed = TestTasks.pendingTask(time.now(), REPORT);
        repository.register(removed);
        repository.delete(removed.id());
        for (int i = 0; i < 3; i++) {
            updateWithRetry(contested);
        }
    }

    /** Read, change, write; a lost race (which must yield no event) reads again. */
    private void updateWithRetry(TaskId id) {
        while (true) {
            Task current = repository.find(id).orElseThrow();
            try {
                repository.update(current.withTtl(Duration.ofMinutes(10), time.now()));
                return;
            } catch (ConcurrentTaskUpdate lostRace) {
                Thread.onSpinWait();
            }
        }
    }

    private static void assertInVersionOrder(List<TaskChange> changesOfOneTask) {
        List<Long> versions = changesOfOneTask.stream()
                .filter(change -> change.kind().storesTask())
                .map(change -> change.version().getAsLong())
                .toList();
        assertThat(versions)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, versions.size()).boxed().toList());
        TaskChange last = changesOfOneTask.getLast();
        if (!last.kind().storesTask()) {
            assertThat(last.version()).hasValue(versions.size());
        }
        assertThat(changesOfOneTask.subList(0, changesOfOneTask.size() - 1))
                .allMatch(change -> change.kind().storesTask());
    }

    private Task registerShortLivedTask() {
        Instant now = time.now();
        Task task = TestTasks.pendingTaskExpiringAt(now, now.plus(time.shortLifetime()));
        repository.register(task);
        return task;
    }

    private void assertExpiredOnce(Task task) {
        List<TaskChange> changes = changesSinceStart(TaskChangeFilter.ofTask(task.id()));
        assertThat(changes).extracting(TaskChange::kind).containsExactly(REGISTERED, EXPIRED);
        TaskChange expired = changes.getLast();
        assertThat(expired.type()).isEqualTo(task.type());
        assertThat(expired.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(expired.task()).isEmpty();
        // A store that has already dropped the document (Redis) cannot tell the last version.
        assertThat(expired.version()).isIn(OptionalLong.empty(), OptionalLong.of(task.version()));
    }

    /** Enough changes to push every earlier one out of the feed, also one that trims approximately. */
    private void outgrowTheRetention() {
        registerTasks(2 * retainedChanges() + 100);
    }

    private List<Task> registerTasks(int count) {
        List<Task> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Task task = TestTasks.pendingTask(time.now());
            repository.register(task);
            tasks.add(task);
        }
        return tasks;
    }

    private void assertNoChangeAfter(FeedPosition before) {
        assertThat(changesAfter(before)).isEmpty();
        assertThat(feed.head()).isEqualTo(before);
    }

    private List<TaskChange> changesSinceStart() {
        return changesSinceStart(TaskChangeFilter.all());
    }

    private List<TaskChange> changesSinceStart(TaskChangeFilter filter) {
        return FeedReading.replayAll(feed, start, filter);
    }

    private List<TaskChange> changesAfter(FeedPosition position) {
        return FeedReading.replayAll(feed, position, TaskChangeFilter.all());
    }

    private static FeedReplay.Changes changesPage(FeedReplay replay) {
        assertThat(replay).isInstanceOf(FeedReplay.Changes.class);
        return (FeedReplay.Changes) replay;
    }

    private static List<TaskId> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).toList();
    }
}
