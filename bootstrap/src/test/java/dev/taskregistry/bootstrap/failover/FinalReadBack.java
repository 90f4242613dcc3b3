package dev.taskregistry.bootstrap.failover;

import dev.taskregistry.bootstrap.ApiClient;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.bootstrap.workers.AnswerTally;
import dev.taskregistry.bootstrap.workers.WorkerProcesses;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * After the writers stopped and the deployment healed: every task reads back, through the other worker, exactly
 * as its writer knows it (version and steps); one stored at a lower version lost acknowledged writes; one answered
 * 404 during the run must still be absent where no loss is allowed, else that 404 reported a failover as "not
 * found" (where losses are counted, a copy another replica held may come back: counted with them).
 */
final class FinalReadBack {

    private final FailoverRecorder recorder;

    FinalReadBack(FailoverRecorder recorder) {
        this.recorder = recorder;
    }

    /** Reads every task of every writer (writer i wrote through worker i mod n) through another worker. */
    void readEveryTask(WorkerProcesses workers, List<TaskWriter> writers) {
        for (int i = 0; i < writers.size(); i++) {
            ApiClient other = workers.worker((i + 1) % workers.size());
            for (TrackedTask task : writers.get(i).tasks()) {
                if (!task.isUncertain()) {
                    readBack(other, task);
                }
            }
        }
    }

    private void readBack(ApiClient api, TrackedTask task) {
        ApiResponse read = readAnswered(api, task);
        if (read == null) {
            recorder.violation(task + ": not read back at the end within " + FailoverRun.PHASE_BOUND);
        } else if (task.isGone()) {
            recorder.expected("final-read", read.status());
            if (read.status() != 404) {
                recorder.reappeared(task, read);
            }
        } else if (read.status() == 404) {
            recorder.gone(task, "final-read", read);
        } else if (read.status() != 200) {
            recorder.unexpected("final-read", read.status(), task + ": " + read.body());
        } else {
            recorder.expected("final-read", 200);
            int version = read.json().get("version").asInt();
            int steps = read.json().get("completed_steps").asInt();
            if (version < task.version()) {
                recorder.lost(task, task.version() - version, "read back at the end at version " + version);
            } else if (version != task.version() || steps != task.steps()) {
                recorder.violation(task + ": read back at the end as version " + version + ", steps " + steps);
            }
        }
    }

    /** The first answer other than 503 (503s are tallied and repeated), or null after the bound. */
    private ApiResponse readAnswered(ApiClient api, TrackedTask task) {
        long deadline = System.nanoTime() + FailoverRun.PHASE_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ApiResponse read = api.get("/tasks/" + task.id());
                if (read.status() != 503) {
                    return read;
                }
                recorder.expected("final-read", 503);
            } catch (UncheckedIOException noAnswer) {
                recorder.unexpected("final-read", AnswerTally.TRANSPORT_FAILURE, String.valueOf(noAnswer.getCause()));
            }
            sleep();
        }
        return null;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
