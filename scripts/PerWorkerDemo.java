/*
 * The per-worker bug and its fix, shown with real worker processes. Run through per-worker-demo.sh.
 *
 * Starts N workers of bootstrap/target/task-registry.jar for each chosen store, registers tasks
 * round-robin, polls every task once on every worker (as a balancer spreading polls evenly would),
 * prints how many polls found their task, and stops the workers. The redis store runs on one server
 * (--redis-url), a Redis Cluster (--redis-mode cluster --redis-nodes h:p,h:p) or a Sentinel set
 * (--redis-mode sentinel --redis-nodes <sentinels> --redis-master <name>).
 */
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class PerWorkerDemo {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Instant STARTED = Instant.now();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int workers = Integer.parseInt(options.getOrDefault("workers", "4"));
        int tasks = Integer.parseInt(options.getOrDefault("tasks", "40"));
        Map<String, String> redis = redisEnvironment(options);
        Path jar = Path.of(options.getOrDefault("jar", "bootstrap/target/task-registry.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with 'mvn -B -DskipTests package'");
        }
        String redisMode = redis.getOrDefault("TASKREGISTRY_REDIS_MODE", "standalone");
        System.out.printf("%-14s %7s %5s %5s %5s %12s%n", "store", "workers", "tasks", "polls", "found", "success rate");
        for (String store : options.getOrDefault("store", "inmemory,redis").split(",")) {
            Map<String, String> environment = new HashMap<>(redis);
            environment.put("TASKREGISTRY_STORE", store);
            environment.put("TASKREGISTRY_REDIS_KEY_PREFIX", "per-worker-demo-" + UUID.randomUUID());
            String label = store.equals("redis") && !redisMode.equals("standalone") ? store + "/" + redisMode : store;
            List<Process> processes = new ArrayList<>();
            try {
                progress("starting " + workers + " workers on the " + label + " store (each its own JVM)");
                List<String> urls = start(jar, workers, environment, processes);
                progress("registering " + tasks + " tasks round-robin, then polling each on every worker");
                int found = probe(urls, tasks);
                int polls = tasks * workers;
                System.out.printf("%-14s %7d %5d %5d %5d %11.1f%%%n", label, workers, tasks, polls, found, 100.0 * found / polls);
            } finally {
                progress("stopping the " + label + " workers");
                stop(processes);
            }
        }
        progress("done");
    }

    /**
     * The TASKREGISTRY_REDIS_* variables the workers get: the URL (on one server the server, on Sentinel and
     * Cluster only its credentials count), and the deployment with its nodes and master name when not standalone.
     */
    private static Map<String, String> redisEnvironment(Map<String, String> options) {
        Map<String, String> environment = new HashMap<>();
        environment.put("TASKREGISTRY_REDIS_URL", options.getOrDefault("redis-url", "redis://127.0.0.1:6379"));
        String mode = options.getOrDefault("redis-mode", "standalone");
        switch (mode) {
            case "standalone" -> {
                if (options.containsKey("redis-nodes") || options.containsKey("redis-master")) {
                    throw new IllegalArgumentException("--redis-nodes and --redis-master need --redis-mode cluster or sentinel");
                }
            }
            case "cluster", "sentinel" -> {
                environment.put("TASKREGISTRY_REDIS_MODE", mode);
                environment.put("TASKREGISTRY_REDIS_NODES", required(options, "redis-nodes", mode));
                if (mode.equals("sentinel")) {
                    environment.put("TASKREGISTRY_REDIS_SENTINEL_MASTER", required(options, "redis-master", mode));
                } else if (options.containsKey("redis-master")) {
                    throw new IllegalArgumentException("--redis-master is the master's name in Sentinel: only with --redis-mode sentinel");
                }
            }
            default -> throw new IllegalArgumentException("--redis-mode is standalone, sentinel or cluster, not '" + mode + "'");
        }
        return environment;
    }

    private static String required(Map<String, String> options, String option, String mode) {
        String value = options.get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--redis-mode " + mode + " needs --" + option
                    + (option.equals("redis-nodes") ? " host:port,host:port" : " <name>"));
        }
        return value;
    }

    /** Progress on stderr, so that the table on stdout stays clean. */
    private static void progress(String step) {
        System.err.printf("[%3ds] %s%n", Duration.between(STARTED, Instant.now()).toSeconds(), step);
    }

    private static List<String> start(Path jar, int count, Map<String, String> environment, List<Process> processes)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            processes.add(builder.start());
            urls.add("http://127.0.0.1:" + port);
        }
        Instant deadline = Instant.now().plusSeconds(90);
        for (int i = 0; i < count; i++) {
            while (status("GET", urls.get(i) + "/health/ready", null) != 200) {
                if (!processes.get(i).isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("worker " + (i + 1) + " did not become ready (is Redis running for store "
                            + environment.get("TASKREGISTRY_STORE") + ", and are the --redis-* options right?)");
                }
                Thread.sleep(200);
            }
        }
        return urls;
    }

    private static int probe(List<String> urls, int tasks) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            HttpResponse<String> created = send("POST", urls.get(t % urls.size()) + "/tasks",
                    "{\"type\":\"equity_analysis\",\"query\":\"demo " + t + "\",\"ttl_seconds\":120}");
            Matcher id = ID.matcher(created.body());
            if (created.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("registration failed: " + created.statusCode() + " " + created.body());
            }
            ids.add(id.group(1));
        }
        int found = 0;
        for (String id : ids) {
            for (String url : urls) {
                found += status("GET", url + "/tasks/" + id, null) == 200 ? 1 : 0;
            }
        }
        // Leave nothing behind in a shared store: delete what this run registered, then let stats prune.
        for (int t = 0; t < tasks; t++) {
            status("DELETE", urls.get(t % urls.size()) + "/tasks/" + ids.get(t), null);
        }
        status("GET", urls.get(0) + "/stats", null);
        return found;
    }

    private static int status(String method, String url, String body) throws InterruptedException {
        try {
            return send(method, url, body).statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        }
    }

    private static HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void stop(List<Process> processes) throws InterruptedException {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: per-worker-demo.sh [--workers 4] [--tasks 40] "
                        + "[--store inmemory,redis] [--redis-url redis://127.0.0.1:6379] [--redis-mode standalone|sentinel|cluster]"
                        + " [--redis-nodes host:port,host:port] [--redis-master name]; unexpected '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
