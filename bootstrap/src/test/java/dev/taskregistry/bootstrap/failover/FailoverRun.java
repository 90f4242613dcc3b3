package dev.taskregistry.bootstrap.failover;

import dev.taskregistry.bootstrap.workers.WorkerProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Four writers on the workers (two per worker with two workers) keep registering and reporting progress while
 * a failover happens: they write until each worker has had writes acknowledged, the failover runs (including
 * the deployment's healing), they write until each worker has had writes acknowledged again (the recovery,
 * without restarting a worker), then stop; every task is read back once more. The outcome is printed and
 * appended to {@code target/failover-report.txt} before the test judges it.
 */
final class FailoverRun {

    static final int WRITERS = 4;
    /** Acknowledged writes each worker must have before the failover, and again after it. */
    static final int WRITES_PER_PHASE = 10;

    /** Guards against hanging only; no figure of a run is judged against a time. */
    static final Duration PHASE_BOUND = Duration.ofSeconds(60);

    private static final Duration STOP_BOUND = Duration.ofSeconds(90);
    private static final Path REPORT = Path.of("target", "failover-report.txt");

    private final WorkerProcesses workers;
    private final FailoverRecorder recorder;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<TaskWriter> writers = new ArrayList<>();
    private final List<Future<Void>> running = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS);

    private FailoverRun(WorkerProcesses workers, LossPolicy policy) {
        this.workers = workers;
        this.recorder = new FailoverRecorder(policy, workers.size());
    }

    /** Runs the writers around {@code failover} and returns what they saw; a failure of the failover is rethrown after the report. */
    static FailoverOutcome around(WorkerProcesses workers, LossPolicy policy, String label, Runnable failover) {
        FailoverRun run = new FailoverRun(workers, policy);
        RuntimeException failed = null;
        boolean recovered = false;
        long[] afterRecovery = new long[workers.size()];
        try {
            run.startWriters();
            if (run.awaitWritesOnEveryWorker()) {
                run.recorder.failoverBegins();
                failover.run();
                run.recorder.deploymentHealed();
                long[] atRecovery = run.recorder.acknowledgedPerWorker();
                recovered = run.awaitWritesOnEveryWorker();
                long[] now = run.recorder.acknowledgedPerWorker();
                for (int w = 0; w < now.length; w++) {
                    afterRecovery[w] = now[w] - atRecovery[w];
                }
            } else {
                run.recorder.violation("the workers did not acknowledge " + WRITES_PER_PHASE + " writes each within "
                        + PHASE_BOUND + " before the failover");
            }
        } catch (RuntimeException failure) {
            failed = failure;
        } finally {
            run.stopWriters();
        }
        new FinalReadBack(run.recorder).readEveryTask(run.workers, run.writers);
        FailoverOutcome outcome = run.recorder.outcome(label, recovered, afterRecovery);
        publish(outcome);
        if (failed != null) {
            throw failed;
        }
        return outcome;
    }

    private void startWriters() {
        for (int i = 0; i < WRITERS; i++) {
            int worker = i % workers.size();
            TaskWriter writer = new TaskWriter(
                    "writer-" + (i + 1) + "-" + System.nanoTime(), worker, workers.worker(worker), recorder, stop::get);
            writers.add(writer);
            running.add(threads.submit(writer));
        }
    }

    /** True once each worker has had {@link #WRITES_PER_PHASE} more writes acknowledged; false after the bound. */
    private boolean awaitWritesOnEveryWorker() {
        long[] base = recorder.acknowledgedPerWorker();
        long deadline = System.nanoTime() + PHASE_BOUND.toNanos();
        while (System.nanoTime() < deadline && running.stream().noneMatch(Future::isDone)) {
            long[] now = recorder.acknowledgedPerWorker();
            boolean all = true;
            for (int w = 0; w < now.length; w++) {
                all &= now[w] - base[w] >= WRITES_PER_PHASE;
            }
            if (all) {
                return true;
            }
            sleep(Duration.ofMillis(10));
        }
        return false;
    }

    private void stopWriters() {
        stop.set(true);
        long deadline = System.nanoTime() + STOP_BOUND.toNanos();
        for (Future<Void> writer : running) {
            try {
                writer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException crashed) {
                recorder.violation("a writer crashed: " + crashed.getCause());
            } catch (TimeoutException hanging) {
                recorder.violation("a writer did not stop within " + STOP_BOUND);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                recorder.violation("interrupted while stopping the writers");
            }
        }
        threads.shutdownNow();
    }

    private static void publish(FailoverOutcome outcome) {
        String report = outcome.report();
        System.out.print(report);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + REPORT, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
