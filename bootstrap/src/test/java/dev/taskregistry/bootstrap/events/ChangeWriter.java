package dev.taskregistry.bootstrap.events;

import dev.taskregistry.bootstrap.ApiClient;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * A client of one worker that takes its own tasks through every kind of change, round robin (all registered, then
 * all started, ...), so that each task's changes interleave with the others' and with other writers': register,
 * start, progress, TTL change, progress, complete / fail / cancel, and for every other task a delete. Every
 * acknowledged change goes into the {@link ChangeLedger}; any answer but the expected one fails the writer.
 */
final class ChangeWriter {

    /** Changes per task, the delete counted (every other task skips it). */
    static final int STAGES = 7;

    private final ApiClient api;
    private final ChangeLedger ledger;
    private final String type;
    private final List<String> tasks;
    private final Map<String, Long> versions = new HashMap<>();

    ChangeWriter(ApiClient api, ChangeLedger ledger, String type, int taskCount) {
        this.api = api;
        this.ledger = ledger;
        this.type = type;
        String writer = UUID.randomUUID().toString().substring(0, 8);
        this.tasks = IntStream.range(0, taskCount)
                .mapToObj(i -> type + "-" + writer + "-" + i)
                .toList();
    }

    /** How many steps {@link #write} counts: one per task and stage. */
    int steps() {
        return tasks.size() * STAGES;
    }

    /** Steps {@code from} (inclusive) to {@code to} (exclusive): step s is stage s / tasks of task s % tasks. */
    void write(int from, int to) {
        for (int step = from; step < to; step++) {
            int task = step % tasks.size();
            change(tasks.get(task), task, step / tasks.size());
        }
    }

    /**
     * Increments a task shared with other writers {@code times} times, each with {@code If-Match} on the version it
     * read; a 412 (another writer was first) is not a change, and the writer reads again.
     */
    void increment(String taskId, int times) {
        for (int done = 0; done < times; ) {
            ApiResponse current = expect(200, api.get("/tasks/" + taskId));
            int next = current.json().get("completed_steps").asInt() + 1;
            ApiResponse changed = api.post(
                    "/tasks/" + taskId + "/progress",
                    "{\"completed_steps\":" + next + "}",
                    "If-Match",
                    current.header("ETag"));
            if (changed.status() == 200) {
                ledger.stored("updated", changed);
                done++;
            } else if (changed.status() != 412) {
                throw new AssertionError("increment of " + taskId + " answered " + changed);
            }
        }
    }

    /** Registers a task of {@code type} with {@code total_steps}; answers its version. */
    long register(String taskId, String type, int totalSteps) {
        return ledger.stored(
                "registered",
                expect(
                        201,
                        api.post(
                                "/tasks",
                                "{\"id\":\"" + taskId + "\",\"type\":\"" + type + "\",\"total_steps\":" + totalSteps
                                        + "}")));
    }

    private void change(String id, int task, int stage) {
        String path = "/tasks/" + id;
        switch (stage) {
            case 0 -> versions.put(id, register(id, type, 4));
            case 1 -> update(id, api.post(path + "/start", null));
            case 2 -> update(id, api.post(path + "/progress", "{\"completed_steps\":1}"));
            case 3 -> update(id, api.put(path + "/ttl", "{\"ttl_seconds\":900}"));
            case 4 -> update(id, api.post(path + "/progress", "{\"completed_steps\":3}"));
            case 5 ->
                update(
                        id,
                        switch (task % 3) {
                            case 0 -> api.post(path + "/complete", "{\"result\":{\"task\":" + task + "}}");
                            case 1 -> api.post(path + "/fail", "{\"error\":\"failed on purpose\"}");
                            default -> api.post(path + "/cancel", null);
                        });
            case 6 -> {
                if (task % 2 == 0) {
                    expect(204, api.delete(path));
                    ledger.deleted(id, versions.get(id));
                }
            }
            default -> throw new IllegalArgumentException("no stage " + stage);
        }
    }

    private void update(String id, ApiResponse answer) {
        versions.put(id, ledger.stored("updated", expect(200, answer)));
    }

    private static ApiResponse expect(int status, ApiResponse answer) {
        if (answer.status() != status) {
            throw new AssertionError("expected " + status + ", answered " + answer);
        }
        return answer;
    }
}
