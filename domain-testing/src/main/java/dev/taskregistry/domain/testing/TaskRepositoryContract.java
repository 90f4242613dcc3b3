package dev.taskregistry.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskRegistration;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link TaskRepository} contract of DESIGN.md §3, run by every adapter's tests. A subclass supplies
 * a fresh, empty repository per test and the time that repository follows.
 */
public abstract class TaskRepositoryContract {

    private static final TaskType ANALYSIS = TaskType.of("equity_analysis");
    private static final TaskType REPORT = TaskType.of("report");

    protected TaskRepository repository;
    protected StoreTime time;

    /** A new repository that sees no task of any other test. */
    protected abstract TaskRepository createRepository();

    /** The time the repositories made by {@link #createRepository()} follow. */
    protected abstract StoreTime storeTime();

    @BeforeEach
    void createRepositoryUnderTest() {
        time = storeTime();
        repository = createRepository();
    }

    @AfterEach
    void releaseRepositoryUnderTest() throws Exception {
        if (repository instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    // --- register and find -------------------------------------------------------------------

    @Test
    void registeredTask_isFoundExactlyAsRegistered() {
        Task task = TestTasks.pendingTask(time.now());

        repository.register(task);

        assertThat(repository.find(task.id())).contains(task);
    }

    @Test
    void unknownId_isNotFound() {
        assertThat(repository.find(TestTasks.uniqueId())).isEmpty();
    }

    @Test
    void registeringALiveId_failsWithAlreadyExists_andKeepsTheStoredTask() {
        Task original = TestTasks.pendingTask(time.now());
        repository.register(original);
        Task impostor = TestTasks.pendingTask(original.id(), time.now(), REPORT, Duration.ofMinutes(9));

        assertThatThrownBy(() -> repository.register(impostor)).isInstanceOf(TaskAlreadyExists.class);

        assertThat(repository.find(original.id())).contains(original);
    }

    @Test
    void idOfAnExpiredTask_canBeRegisteredAgain() {
        Task first = TestTasks.pendingTaskExpiringAt(time.now(), time.now().plus(time.shortLifetime()));
        repository.register(first);
        time.passBeyond(first.expiresAt());

        Task second = TestTasks.pendingTask(first.id(), time.now(), REPORT, Duration.ofMinutes(5));
        repository.register(second);

        assertThat(repository.find(first.id())).contains(second);
    }

    @Test
    void everyFieldAndEveryKindOfResult_survivesTheRoundTrip() {
        Instant now = time.now();
        for (String json : List.of(
                "{\"score\":0.93,\"tags\":[\"a\",\"b\"],\"nested\":{\"ok\":true}}",
                "[1,2,3]",
                "42",
                "3.5",
                "\"plain text\"",
                "true")) {
            Task registered = TestTasks.pendingTask(now);
            Task completed = registered
                    .reportProgress(new ProgressReport(4, 10, null), now.plusMillis(5))
                    .complete(TaskResult.ofJson(json), now.plusMillis(9), TestTasks.RETENTION);
            repository.register(registered);
            repository.update(registered.reportProgress(new ProgressReport(4, 10, null), now.plusMillis(5)));
            repository.update(completed);

            assertThat(repository.find(registered.id())).contains(completed);
        }
    }

    @Test
    void taskWithoutOptionalFields_survivesTheRoundTrip() {
        TaskRegistration bare = new TaskRegistration(TestTasks.uniqueId(), ANALYSIS, "mcp://task/x", null, null, null);
        Task task = Task.register(bare, time.now(), Duration.ofMinutes(5));

        repository.register(task);

        assertThat(repository.find(task.id())).contains(task);
    }

    @Test
    void expiredTask_isNotFound() {
        Task task = TestTasks.pendingTaskExpiringAt(time.now(), time.now().plus(time.shortLifetime()));
        repository.register(task);
        assertThat(repository.find(task.id())).isPresent();

        time.passBeyond(task.expiresAt());

        assertThat(repository.find(task.id())).isEmpty();
    }

    // --- update --------------------------------------------------------------------------------

    @Test
    void updateWithTheNextVersion_isStored() {
        Task task = TestTasks.pendingTask(time.now());
        repository.register(task);
        Task started = task.start(time.now());

        repository.update(started);

        assertThat(repository.find(task.id())).contains(started);
        assertThat(started.version()).isEqualTo(2);
    }

    @Test
    void updateWithAStaleVersion_failsWithConcurrentUpdate_andChangesNothing() {
        Task task = TestTasks.pendingTask(time.now());
        repository.register(task);
        Task started = task.start(time.now());
        repository.update(started);
        Task cancelledFromStaleRead = task.cancel(time.now(), TestTasks.RETENTION);

        assertThatThrownBy(() -> repository.update(cancelledFromStaleRead)).isInstanceOf(ConcurrentTaskUpdate.class);

        assertThat(repository.find(task.id())).contains(started);
    }

    @Test
    void updateThatSkipsAVersion_failsWithConcurrentUpdate() {
        Task task = TestTasks.pendingTask(time.now());
        repository.register(task);
        Task twoAhead = task.start(time.now()).reportProgress(ProgressReport.ofSteps(1), time.now());

        assertThatThrownBy(() -> repository.update(twoAhead)).isInstanceOf(ConcurrentTaskUpdate.class);

        assertThat(repository.find(task.id())).contains(task);
    }

    @Test
    void updateWithTheSameVersion_failsWithConcurrentUpdate() {
        Task task = TestTasks.pendingTask(time.now());
        repository.register(task);

        assertThatThrownBy(() -> repository.update(task)).isInstanceOf(ConcurrentTaskUpdate.class);
    }

    @Test
    void updateOfAnUnknownTask_failsWithNotFound_andStoresNothing() {
        Task neverRegistered = TestTasks.pendingTask(time.now()).start(time.now());

        assertThatThrownBy(() -> repository.update(neverRegistered)).isInstanceOf(TaskNotFound.class);

        assertThat(repository.find(neverRegistered.id())).isEmpty();
    }

    @Test
    void updateOfAnExpiredTask_failsWithNotFound_andDoesNotBringItBack() {
        Task task = TestTasks.pendingTaskExpiringAt(time.now(), time.now().plus(time.shortLifetime()));
        repository.register(task);
        time.passBeyond(task.expiresAt());

        assertThatThrownBy(() -> repository.update(task.start(time.now()))).isInstanceOf(TaskNotFound.class);

        assertThat(repository.find(task.id())).isEmpty();
        assertThat(listAll(TaskFilter.all())).isEmpty();
        assertThat(repository.stats().total()).isZero();
    }

    @Test
    void updateOfADeletedTask_failsWithNotFound_andDoesNotBringItBack() {
        Task task = TestTasks.pendingTask(time.now());
        repository.register(task);
        repository.delete(task.id());

        assertThatThrownBy(() -> repository.update(task.start(time.now()))).isInstanceOf(TaskNotFound.class);

        assertThat(repository.find(task.id())).isEmpty();
        assertThat(listAll(TaskFilter.all())).isEmpty();
        assertThat(repository.stats().total()).isZero();
    }

    @Test
    void concurrentUpdatesFromTheSameVersion_letExactlyOneWin() throws Exception {
        Task task = TestTasks.pendingTask(time.now());
        repository.register(task);

        List<Boolean> won = ConcurrentWriters.runTogether(8, writer -> () -> {
            try {
                repository.update(task.reportProgress(ProgressReport.ofSteps(writer + 1), time.now()));
                return true;
            } catch (ConcurrentTaskUpdate lost) {
                return false;
            }
        });

        assertThat(won).containsOnlyOnce(true);
        assertThat(repository.find(task.id()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void updatePreservesTheExpiry_andANewTtlMovesIt() {
        Instant now = time.now();
        Task task = TestTasks.pendingTask(now);
        repository.register(task);
        Task started = task.start(now.plusSeconds(1));
        repository.update(started);
        assertThat(repository.find(task.id()).orElseThrow().expiresAt()).isEqualTo(task.expiresAt());

        Task extended = started.withTtl(Duration.ofHours(2), now.plusSeconds(2));
        repository.update(extended);

        assertThat(repository.find(task.id()).orElseThrow().expiresAt())
                .isEqualTo(
                        now.plusSeconds(2).plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void extendingTheTtl_keepsTheTaskBeyondItsFirstExpiry() {
        Instant now = time.now();
        Task task = TestTasks.pendingTaskExpiringAt(now, now.plus(time.shortLifetime()));
        repository.register(task);
        repository.update(task.withTtl(Duration.ofMinutes(5), now));

        time.passBeyond(task.expiresAt());

        assertThat(repository.find(task.id())).isPresent();
        assertThat(listAll(TaskFilter.all())).extracting(Task::id).containsExactly(task.id());
        assertThat(repository.stats().total()).isEqualTo(1);
    }

    @Test
    void shorteningTheTtl_expiresTheTaskSooner() {
        Instant now = time.now();
        Task task = TestTasks.pendingTask(now);
        repository.register(task);
        Task shortened = TestTasks.expiringAt(task.withTtl(Duration.ofSeconds(1), now), now.plus(time.shortLifetime()));
        repository.update(shortened);

        time.passBeyond(shortened.expiresAt());

        assertThat(repository.find(task.id())).isEmpty();
        assertThat(listAll(TaskFilter.all())).isEmpty();
        assertThat(repository.stats().total()).isZero();
    }

    // --- delete --------------------------------------------------------------------------------

    @Test
    void deletingALiveTask_removesIt() {
        Task task = TestTasks.pendingTask(time.now());
        repository.register(task);

        assertThat(repository.delete(task.id())).isTrue();

        assertThat(repository.find(task.id())).isEmpty();
        assertThat(listAll(TaskFilter.all())).isEmpty();
        assertThat(repository.stats().total()).isZero();
    }

    @Test
    void deletingAnUnknownTask_answersFalse() {
        assertThat(repository.delete(TestTasks.uniqueId())).isFalse();
    }

    @Test
    void deletingAnExpiredTask_answersFalse() {
        Task task = TestTasks.pendingTaskExpiringAt(time.now(), time.now().plus(time.shortLifetime()));
        repository.register(task);
        time.passBeyond(task.expiresAt());

        assertThat(repository.delete(task.id())).isFalse();
    }

    // --- list ----------------------------------------------------------------------------------

    @Test
    void list_ordersByExpiryDescending_thenIdDescending() {
        Instant now = time.now();
        Task early = TestTasks.pendingTask(TaskId.of("m-early"), now, ANALYSIS, Duration.ofMinutes(1));
        Task lateA = TestTasks.pendingTask(TaskId.of("a-late"), now, ANALYSIS, Duration.ofMinutes(3));
        Task lateB = TestTasks.pendingTask(TaskId.of("b-late"), now, ANALYSIS, Duration.ofMinutes(3));
        Task middle = TestTasks.pendingTask(TaskId.of("z-middle"), now, ANALYSIS, Duration.ofMinutes(2));
        List.of(early, lateA, lateB, middle).forEach(repository::register);

        TaskPage page = repository.list(TaskFilter.all(), PageRequest.first(10));

        assertThat(page.items()).containsExactly(lateB, lateA, middle, early);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void list_returnsAtMostTheLimit_andACursorToTheRest() {
        Instant now = time.now();
        for (int i = 0; i < 5; i++) {
            repository.register(TestTasks.pendingTask(now));
        }

        TaskPage first = repository.list(TaskFilter.all(), PageRequest.first(2));
        assertThat(first.items()).hasSize(2);
        assertThat(first.next()).isPresent();

        TaskPage exact = repository.list(TaskFilter.all(), PageRequest.first(5));
        assertThat(exact.items()).hasSize(5);
        assertThat(exact.next()).isEmpty();
    }

    @Test
    void paging_walksEveryLiveTaskExactlyOnce_alsoAcrossEqualExpiries() {
        Instant now = time.now();
        Set<TaskId> registered = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            // Groups of tasks share an expiry, so pages must break ties by id.
            Task task = TestTasks.pendingTask(TestTasks.uniqueId(), now, ANALYSIS, Duration.ofMinutes(5 + i % 3));
            repository.register(task);
            registered.add(task.id());
        }

        List<Task> walked = TaskListing.walk(repository, TaskFilter.all(), 4, () -> {});

        assertThat(walked).extracting(Task::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(registered);
        assertThat(walked).isSortedAccordingTo((a, b) -> a.listingKey().compareTo(b.listingKey()));
    }

    @Test
    void paging_walksEveryTaskExactlyOnce_whileTasksAreBeingAdded() {
        Instant now = time.now();
        Set<TaskId> before = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Task task = TestTasks.pendingTask(TestTasks.uniqueId(), now, ANALYSIS, Duration.ofMinutes(10 + i));
            repository.register(task);
            before.add(task.id());
        }
        Set<TaskId> added = new HashSet<>();
        int[] round = {0};

        List<Task> walked = TaskListing.walk(repository, TaskFilter.all(), 3, () -> {
            // Between pages, add tasks that sort both before and after the walk's position.
            round[0]++;
            for (Duration ttl : List.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(40))) {
                Task task = TestTasks.pendingTask(TestTasks.uniqueId(), now, ANALYSIS, ttl.plusSeconds(round[0]));
                repository.register(task);
                added.add(task.id());
            }
        });

        List<TaskId> walkedIds = walked.stream().map(Task::id).toList();
        assertThat(walkedIds).doesNotHaveDuplicates().containsAll(before);
        assertThat(added)
                .containsAll(
                        walkedIds.stream().filter(id -> !before.contains(id)).toList());
        assertThat(walked).isSortedAccordingTo((a, b) -> a.listingKey().compareTo(b.listingKey()));
    }

    @Test
    void list_filtersByStatus_byType_andByBoth() {
        Instant now = time.now();
        Task pendingAnalysis = TestTasks.pendingTask(now, ANALYSIS);
        Task runningAnalysis = TestTasks.pendingTask(now, ANALYSIS);
        Task pendingReport = TestTasks.pendingTask(now, REPORT);
        Task runningReport = TestTasks.pendingTask(now, REPORT);
        List.of(pendingAnalysis, runningAnalysis, pendingReport, runningReport).forEach(repository::register);
        repository.update(runningAnalysis.start(now));
        repository.update(runningReport.start(now));

        assertThat(ids(TaskFilter.of(TaskStatus.RUNNING, null)))
                .containsExactlyInAnyOrder(runningAnalysis.id(), runningReport.id());
        assertThat(ids(TaskFilter.of(null, REPORT))).containsExactlyInAnyOrder(pendingReport.id(), runningReport.id());
        assertThat(ids(TaskFilter.of(TaskStatus.PENDING, ANALYSIS))).containsExactly(pendingAnalysis.id());
        assertThat(ids(TaskFilter.of(TaskStatus.COMPLETED, null))).isEmpty();
        assertThat(ids(TaskFilter.of(null, TaskType.of("unknown")))).isEmpty();
        assertThat(ids(TaskFilter.all())).hasSize(4);
    }

    @Test
    void filteredPaging_walksEveryMatchingTaskExactlyOnce() {
        Instant now = time.now();
        Set<TaskId> running = new HashSet<>();
        for (int i = 0; i < 15; i++) {
            Task task = TestTasks.pendingTask(
                    TestTasks.uniqueId(), now, i % 2 == 0 ? ANALYSIS : REPORT, Duration.ofMinutes(5 + i % 4));
            repository.register(task);
            if (i % 3 == 0) {
                repository.update(task.start(now));
                if (task.type().equals(ANALYSIS)) {
                    running.add(task.id());
                }
            }
        }

        List<Task> walked = TaskListing.walk(repository, TaskFilter.of(TaskStatus.RUNNING, ANALYSIS), 2, () -> {});

        assertThat(walked).extracting(Task::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(running);
    }

    @Test
    void list_showsTheCurrentVersionAndStatusOfEachTask() {
        Instant now = time.now();
        Task task = TestTasks.pendingTask(now);
        repository.register(task);
        Task completed = task.complete(TaskResult.ofJson("{\"a\":1}"), now, TestTasks.RETENTION);
        repository.update(completed);

        assertThat(listAll(TaskFilter.of(TaskStatus.COMPLETED, null))).containsExactly(completed);
        assertThat(listAll(TaskFilter.of(TaskStatus.PENDING, null))).isEmpty();
    }

    @Test
    void expiredTasks_neverAppearInListings() {
        Instant now = time.now();
        Task shortLived = TestTasks.pendingTaskExpiringAt(now, now.plus(time.shortLifetime()));
        Task longLived = TestTasks.pendingTask(now);
        repository.register(shortLived);
        repository.register(longLived);
        time.passBeyond(shortLived.expiresAt());

        assertThat(listAll(TaskFilter.all())).containsExactly(longLived);
        assertThat(listAll(TaskFilter.of(TaskStatus.PENDING, TestTasks.DEFAULT_TYPE)))
                .containsExactly(longLived);
    }

    // --- stats ---------------------------------------------------------------------------------

    @Test
    void stats_ofAnEmptyRepository_areZero() {
        TaskStats stats = repository.stats();

        assertThat(stats.total()).isZero();
        assertThat(stats.byType()).isEmpty();
        assertThat(stats.byStatus()).isEmpty();
    }

    @Test
    void stats_countLiveTasksByTypeAndStatus_afterTransitions() {
        Instant now = time.now();
        Task a = TestTasks.pendingTask(now, ANALYSIS);
        Task b = TestTasks.pendingTask(now, ANALYSIS);
        Task c = TestTasks.pendingTask(now, REPORT);
        Task d = TestTasks.pendingTask(now, REPORT);
        List.of(a, b, c, d).forEach(repository::register);
        Task bStarted = b.start(now);
        repository.update(bStarted);
        repository.update(bStarted.complete(null, now, TestTasks.RETENTION));
        repository.update(c.cancel(now, TestTasks.RETENTION));
        repository.update(d.fail("boom", now, TestTasks.RETENTION));

        TaskStats stats = repository.stats();

        assertThat(stats.total()).isEqualTo(4);
        assertThat(stats.byType()).containsOnly(java.util.Map.entry(ANALYSIS, 2L), java.util.Map.entry(REPORT, 2L));
        assertThat(stats.byStatus())
                .containsOnly(
                        java.util.Map.entry(TaskStatus.PENDING, 1L),
                        java.util.Map.entry(TaskStatus.COMPLETED, 1L),
                        java.util.Map.entry(TaskStatus.CANCELLED, 1L),
                        java.util.Map.entry(TaskStatus.FAILED, 1L));
    }

    @Test
    void expiredAndDeletedTasks_neverCount() {
        Instant now = time.now();
        Task shortLived = TestTasks.pendingTaskExpiringAt(now, now.plus(time.shortLifetime()));
        Task deleted = TestTasks.pendingTask(now, REPORT);
        Task kept = TestTasks.pendingTask(now, ANALYSIS);
        List.of(shortLived, deleted, kept).forEach(repository::register);
        repository.delete(deleted.id());
        time.passBeyond(shortLived.expiresAt());

        TaskStats stats = repository.stats();

        assertThat(stats.total()).isEqualTo(1);
        assertThat(stats.byType()).containsOnly(java.util.Map.entry(ANALYSIS, 1L));
        assertThat(stats.byStatus()).containsOnly(java.util.Map.entry(TaskStatus.PENDING, 1L));
    }

    // --- helpers -------------------------------------------------------------------------------

    private List<TaskId> ids(TaskFilter filter) {
        return listAll(filter).stream().map(Task::id).toList();
    }

    private List<Task> listAll(TaskFilter filter) {
        return TaskListing.all(repository, filter);
    }
}
