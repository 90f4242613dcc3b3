package dev.taskregistry.bootstrap.workers;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The original incident as a probe: register tasks round-robin across the workers, then poll every
 * task once on every worker, as a balancer spreading polls evenly would.
 */
public final class RoundRobinProbe {

    private RoundRobinProbe() {}

    /** What the probe saw; {@code foundOn[t][w]} says whether worker w answered 200 for task t. */
    public record Result(int workers, int tasks, int polls, int found, boolean[][] foundOn, List<Integer> creators) {

        public double successRate() {
            return 100.0 * found / polls;
        }
    }

    public static Result run(WorkerProcesses workers, int tasks, String type) {
        List<String> ids = new ArrayList<>();
        List<Integer> creators = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            int creator = t % workers.size();
            ApiResponse created =
                    workers.worker(creator).post("/tasks", "{\"type\":\"" + type + "\",\"query\":\"probe " + t + "\"}");
            if (created.status() != 201) {
                throw new IllegalStateException("registration on worker " + (creator + 1) + " failed: " + created);
            }
            ids.add(created.json().get("id").asText());
            creators.add(creator);
        }
        boolean[][] foundOn = new boolean[tasks][workers.size()];
        int found = 0;
        for (int t = 0; t < tasks; t++) {
            for (int w = 0; w < workers.size(); w++) {
                int status = workers.worker(w).get("/tasks/" + ids.get(t)).status();
                if (status != 200 && status != 404) {
                    throw new IllegalStateException(
                            "poll of task " + t + " on worker " + (w + 1) + " answered " + status);
                }
                foundOn[t][w] = status == 200;
                found += foundOn[t][w] ? 1 : 0;
            }
        }
        return new Result(workers.size(), tasks, tasks * workers.size(), found, foundOn, creators);
    }
}
