package dev.taskregistry.bootstrap.failover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskregistry.bootstrap.ApiClient;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One client of one worker that keeps registering tasks (fresh ids) and reporting progress on them (without
 * {@code If-Match}, so only a lost write could ever make it conflict), until told to stop. It knows each of its
 * tasks' version and steps for certain: a 2xx answer must be exactly its own write on the version it knew, and
 * after a 503 it reads the task back (repeating on 503) to learn whether that write was applied. A version
 * lower than one acknowledged, or a 404, is a lost acknowledged write.
 */
final class TaskWriter implements Callable<Void> {

    /** Progress reports per task before the writer registers its next one. */
    private static final int REPORTS_PER_TASK = 20;

    private static final int TOTAL_STEPS = 1_000_000;
    private static final Duration PAUSE = Duration.ofMillis(5);
    /** A guard against hanging only: reading a task back after a 503 normally takes one failover at most. */
    private static final Duration READ_BACK_BOUND = Duration.ofSeconds(60);

    private final String name;
    private final int worker;
    private final ApiClient api;
    private final FailoverRecorder recorder;
    private final BooleanSupplier stopped;
    private final List<TrackedTask> tasks = new ArrayList<>();
    private TrackedTask current;
    private int registrations;

    TaskWriter(String name, int worker, ApiClient api, FailoverRecorder recorder, BooleanSupplier stopped) {
        this.name = name;
        this.worker = worker;
        this.api = api;
        this.recorder = recorder;
        this.stopped = stopped;
    }

    @Override
    public Void call() {
        while (!stopped.getAsBoolean()) {
            if (current == null || current.attempts() >= REPORTS_PER_TASK) {
                register();
            } else {
                report(current);
            }
            pause();
        }
        return null;
    }

    /** Every task this writer got a 201 for, with what it knows of it. Read after the writer stopped. */
    List<TrackedTask> tasks() {
        return List.copyOf(tasks);
    }

    private void register() {
        String id = name + "-" + ++registrations;
        current = null;
        Optional<ApiResponse> answer = send(
                "register",
                () -> api.post(
                        "/tasks",
                        "{\"id\":\"" + id + "\",\"type\":\"failover\",\"total_steps\":" + TOTAL_STEPS
                                + ",\"ttl_seconds\":600}"));
        if (answer.isEmpty()) {
            return;
        }
        ApiResponse created = answer.get();
        if (created.status() == 503) {
            // Applied or not, the id is not used again: the next registration takes a fresh one.
            recorder.expected("register", 503);
        } else if (created.status() == 201 && version(created) == 1 && steps(created) == 0) {
            recorder.expected("register", 201);
            recorder.acknowledged(worker);
            current = new TrackedTask(id);
            tasks.add(current);
        } else {
            recorder.unexpected("register", created.status(), id + ": " + created.body());
        }
    }

    private void report(TrackedTask task) {
        int attempted = task.nextSteps();
        Optional<ApiResponse> answer = send(
                "progress",
                () -> api.post("/tasks/" + task.id() + "/progress", "{\"completed_steps\":" + attempted + "}"));
        if (answer.isEmpty()) {
            readBack(task, attempted);
            return;
        }
        ApiResponse reported = answer.get();
        switch (reported.status()) {
            case 200 -> {
                if (steps(reported) == attempted) {
                    recorder.expected("progress", 200);
                    recorder.acknowledged(worker);
                    applied(task, version(reported), attempted, "progress");
                } else {
                    recorder.unexpected("progress", 200, task + ": answered another write's steps: " + reported.body());
                    readBack(task, attempted);
                }
            }
            case 503 -> {
                recorder.expected("progress", 503);
                readBack(task, attempted);
            }
            case 404 -> {
                recorder.gone(task, "progress", reported);
                current = null;
            }
            default -> {
                recorder.unexpected("progress", reported.status(), task + ": " + reported.body());
                readBack(task, attempted);
            }
        }
    }

    /** After a report without a 2xx answer: reads the task until it is answered, and learns what was applied. */
    private void readBack(TrackedTask task, int attempted) {
        long deadline = System.nanoTime() + READ_BACK_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ApiResponse> answer = send("read-back", () -> api.get("/tasks/" + task.id()));
            if (answer.isPresent()) {
                ApiResponse read = answer.get();
                switch (read.status()) {
                    case 200 -> {
                        recorder.expected("read-back", 200);
                        learn(task, version(read), steps(read), attempted);
                        return;
                    }
                    case 503 -> recorder.expected("read-back", 503);
                    case 404 -> {
                        recorder.gone(task, "read-back", read);
                        current = null;
                        return;
                    }
                    default -> recorder.unexpected("read-back", read.status(), task + ": " + read.body());
                }
            }
            pause();
        }
        recorder.violation(task + ": not read back within " + READ_BACK_BOUND);
        task.markUncertain();
        current = null;
    }

    private void learn(TrackedTask task, int version, int steps, int attempted) {
        if (steps == attempted) {
            applied(task, version, attempted, "read-back");
        } else if (version == task.version() && steps == task.steps()) {
            // The report answered 503 was not applied.
        } else if (version < task.version()) {
            recorder.lost(task, task.version() - version, "read back at version " + version);
            task.known(version, steps);
        } else {
            recorder.violation(task + ": read back at version " + version + " with steps " + steps
                    + ", neither the known state nor the report of steps " + attempted);
            task.known(version, steps);
        }
    }

    /** The report of {@code attempted} steps is stored as {@code version}: on the version before it, if none was lost. */
    private void applied(TrackedTask task, int version, int attempted, String seenBy) {
        int base = version - 1;
        if (base < task.version()) {
            recorder.lost(task, task.version() - base, seenBy + " stored the report as version " + version);
        } else if (base > task.version()) {
            recorder.violation(task + ": " + seenBy + " stored the report as version " + version
                    + ", on a version this writer never wrote (a write applied twice?)");
        }
        task.known(version, attempted);
    }

    private Optional<ApiResponse> send(String operation, Supplier<ApiResponse> request) {
        long began = System.nanoTime();
        try {
            ApiResponse response = request.get();
            recorder.answered(operation, response, System.nanoTime() - began);
            return Optional.of(response);
        } catch (UncheckedIOException noAnswer) {
            recorder.noAnswer(operation, noAnswer.getCause(), System.nanoTime() - began);
            return Optional.empty();
        }
    }

    private static int version(ApiResponse response) {
        return field(response, "version");
    }

    private static int steps(ApiResponse response) {
        return field(response, "completed_steps");
    }

    private static int field(ApiResponse response, String name) {
        JsonNode value = response.json().get(name);
        return value == null ? -1 : value.asInt();
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
