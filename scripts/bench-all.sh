#!/usr/bin/env bash
# Every benchmark of docs/BENCHMARKS.md in one command, on a redis-server of its own (never the shared one):
#   scripts/bench-all.sh [--quick] [--rounds N] [--failover-repeats N] [--feed-repeats N]
#                        [--only adapters,inmemory,scale,http,cluster,feed,mcp,feed-latency,shards] [--skip-build]
#                        [--mcp-rounds N]
# 1. builds the service jar and the JMH jar (mvn -Pbenchmarks -DskipTests package);
# 2. starts redis-server on a free port (no persistence) and stops it at the end, whatever happens;
# 3. JMH: Redis adapter vs raw Jedis at 1 and 8 threads (--rounds rounds, default 3), the in-memory adapter
#    at 1 and 8 threads, and the scale runs at 1k, 10k, 100k and 1M live tasks (each size alone in the
#    Redis, with the naive design up to 100k), plus Redis memory per task at each size;
# 4. scripts/bench-http.sh on the in-memory and on the Redis store;
# 5. cluster: a Redis Cluster of its own (3 masters, 3 replicas; ClusterForBenchmarks, stopped at the end), the
#    adapter on it vs raw RedisClusterClient at 1 and 8 threads (--rounds rounds), then FailoverWindow: writers
#    through the repository while the registry's master fails over (graceful and SIGKILL, on Cluster and on a
#    Sentinel set of its own; --failover-repeats times each, default 5);
# 6. feed: what the change feed's event costs a change (FeedCostBenchmark: register and update with the scripts as
#    shipped vs the same scripts less their XADD, taking turns by iteration in one fork, at 1 and 8 threads,
#    --rounds rounds), then FeedEventProfile (where the cost goes; bytes per retained event), on the redis-server above;
# 7. mcp: scripts/bench-http.sh --compare mcp on the in-memory and on the Redis store: POST /mcp tools/call
#    get-task-status against GET /tasks/{id} in one service process, --mcp-rounds alternating rounds (default 4);
# 8. feed-latency: FeedLatency, worker processes of the service jar on a redis-server of its own and in memory: the
#    time from a change's answer on worker 1 to its event on a GET /events stream of worker 2 and of worker 1 (paced
#    and unpaced; missing and duplicated events counted), and memory per idle event stream (--feed-repeats times
#    each, default 3);
# 9. shards: the sharded registry on a Redis Cluster of its own (3 masters, 3 replicas; ShardBenchmarks): registrations
#    per second at 8 threads and each master's CPU for S = 1 and S = 12 (as CRC16 hashes the shard tags, and spread
#    evenly by ShardSlots --balance), list and stats per call at 1k, 100k and 1M tasks for S = 1, 12 and 48, and bytes
#    per task (--rounds rounds; about 20 minutes, several GB of Redis at 1M), after ClusterPipelineBenchmark (one wave of
#    a sharded call: Jedis' cluster pipeline as the adapter opens it, on a shared pool, and the GETs one by one);
# 10. prints the summary (benchmarks/target/bench-results/summary.md); raw outputs stay next to it.
# --quick makes every run short: a smoke test of the whole chain, not figures to publish.
# Needs JDK 21+ (JAVA_HOME), Maven, redis-server and wrk (apt-get install redis-server wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

invocation="scripts/bench-all.sh $*"
quick=false
rounds=3
failover_repeats=5
feed_repeats=3
only="adapters,inmemory,scale,http,cluster,feed,mcp,feed-latency,shards"
build=true
mcp_rounds=4
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=true; shift ;;
        --rounds) rounds="$2"; shift 2 ;;
        --failover-repeats) failover_repeats="$2"; shift 2 ;;
        --feed-repeats) feed_repeats="$2"; shift 2 ;;
        --only) only="$2"; shift 2 ;;
        --skip-build) build=false; shift ;;
        --mcp-rounds) mcp_rounds="$2"; shift 2 ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
done
wants() { [[ ",$only," == *",$1,"* ]]; }

java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 21 ]; then
    for candidate in /usr/lib/jvm/*; do
        if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ]; then
            export JAVA_HOME="$candidate"
            break
        fi
    done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 21 ]; then
    echo "needs a JDK 21+: set JAVA_HOME to one" >&2
    exit 1
fi
java_bin="$JAVA_HOME/bin/java"
command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install redis-server" >&2; exit 1; }
if wants http || wants mcp; then
    command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
fi

results="benchmarks/target/bench-results"
jmh_jar="benchmarks/target/benchmarks.jar"
if $quick; then
    jmh_timing=(-wi 1 -w 1 -i 1 -r 1)
    sizes=(1000 10000)
    http_timing=(--duration 3 --warmup 2)
    failover_repeats=1
    feed_repeats=1
    feed_timing=(--changes 500 --warmup 500 --streams 1000)
    shard_timing=(--sizes 1000,10000 --register-seconds 2 --cell-seconds 0.5)
else
    # As the @Warmup/@Measurement annotations: 2 x 2 s warm-up, 3 x 3 s measured, 1 fork.
    jmh_timing=()
    sizes=(1000 10000 100000 1000000)
    http_timing=(--duration 10 --warmup 10)
    feed_timing=()
    shard_timing=()
fi

if $build; then
    echo "== build: mvn -B -q -Pbenchmarks -DskipTests package"
    mvn -B -q -Pbenchmarks -DskipTests package
fi
rm -rf "$results"
mkdir -p "$results/jmh" "$results/memory" "$results/http" "$results/service" "$results/cluster" "$results/failover" \
    "$results/feed" "$results/mcp" "$results/feed-latency" "$results/shards"
if wants http || wants mcp || wants feed-latency; then
    # The service runs from a copy, so a 'mvn clean' elsewhere in the tree cannot pull the jar from under it.
    cp bootstrap/target/task-registry.jar "$results/service/"
    cp -r bootstrap/target/libs "$results/service/"
fi

{
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "command: $invocation"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "nproc: $(nproc)"
    echo "--- free -h"; free -h
    echo "--- lscpu | head -n 16"; lscpu | head -n 16
    echo "--- java -version"; "$java_bin" -version 2>&1
    echo "--- redis-server --version"; redis-server --version
    if command -v wrk >/dev/null; then echo "--- wrk --version"; wrk --version 2>&1 | head -1 || true; fi
    echo "--- load average at start"; cat /proc/loadavg
} > "$results/machine.txt"
cat "$results/machine.txt"

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

redis_port=$(free_port)
redis_pid=""
# Its working directory outside the repository: a stray dump.rdb must never land in the tree.
redis_dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-all-redis.XXXXXX")
cluster_pid=""
stop_redis() {
    if [ -n "$redis_pid" ]; then
        kill "$redis_pid" 2>/dev/null || true
        wait "$redis_pid" 2>/dev/null || true
        redis_pid=""
    fi
    rm -rf "$redis_dir"
}
# SIGTERM: the JVM's shutdown hooks stop every node of its cluster.
stop_cluster() {
    if [ -n "$cluster_pid" ]; then
        kill "$cluster_pid" 2>/dev/null || true
        wait "$cluster_pid" 2>/dev/null || true
        cluster_pid=""
    fi
}
stop_all() {
    stop_cluster
    stop_redis
}
trap stop_all EXIT
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --dir "$redis_dir" \
    > "$results/redis-server.log" 2>&1 &
redis_pid=$!
cli=(redis-cli -p "$redis_port")
for _ in $(seq 1 50); do
    if "${cli[@]}" ping >/dev/null 2>&1; then break; fi
    sleep 0.1
done
"${cli[@]}" ping >/dev/null
export BENCH_REDIS_URL="redis://127.0.0.1:$redis_port"
echo "== own redis-server at $BENCH_REDIS_URL (pid $redis_pid)"

# name, then JMH arguments; JSON for the report, the text output beside it. Every run starts on an empty
# Redis, so keys left by an earlier run (expiring in the background) cost it nothing.
jmh() {
    local name="$1"; shift
    echo "== JMH $name"
    if [[ "$name" != scale-* ]]; then "${cli[@]}" flushdb >/dev/null; fi
    "${cli[@]}" config resetstat >/dev/null
    "$java_bin" -jar "$jmh_jar" "$@" "${jmh_timing[@]}" -rf json -rff "$results/jmh/$name.json" \
        | tee "$results/jmh/$name.txt" | grep -E '^(Benchmark|[A-Za-z]+Benchmark\.|\[scale\])' | grep -v ':gc\.' || true
    # Server time per command over the whole run (commands a script runs are counted too).
    "${cli[@]}" info commandstats | tr -d '\r' | grep '^cmdstat_' > "$results/jmh/$name.commandstats"
}

# A Redis Cluster of its own (3 masters, 3 replicas, ClusterForBenchmarks), its log and nodes in $1; sets
# BENCH_CLUSTER_NODES and cluster_ports. stop_cluster (also on exit) stops every node.
start_cluster() {
    local dir="$1"
    local nodes_file="$dir/nodes"
    rm -f "$nodes_file"
    echo "== own Redis Cluster (3 masters, 3 replicas)"
    "$java_bin" -cp "$jmh_jar" dev.taskregistry.benchmarks.ClusterForBenchmarks "$nodes_file" \
        > "$dir/cluster.log" 2>&1 &
    cluster_pid=$!
    for _ in $(seq 1 600); do
        if [ -s "$nodes_file" ] || ! kill -0 "$cluster_pid" 2>/dev/null; then break; fi
        sleep 0.1
    done
    if [ ! -s "$nodes_file" ]; then
        echo "the benchmark cluster did not start:" >&2
        cat "$dir/cluster.log" >&2
        exit 1
    fi
    export BENCH_CLUSTER_NODES="$(cat "$nodes_file")"
    cluster_ports=()
    IFS=',' read -ra cluster_nodes <<< "$BENCH_CLUSTER_NODES"
    for node in "${cluster_nodes[@]}"; do cluster_ports+=("${node##*:}"); done
    echo "== own Redis Cluster at $BENCH_CLUSTER_NODES (holder pid $cluster_pid)"
}

redis_cpu=dev.taskregistry.benchmarks.RedisCpuProfiler
if wants adapters; then
    for round in $(seq 1 "$rounds"); do
        for threads in 1 8; do
            jmh "redis-t$threads-r$round-find" 'RedisAdapterBenchmark\.(find|rawGet)$' -t "$threads" -prof "$redis_cpu"
            jmh "redis-t$threads-r$round-register" 'RedisAdapterBenchmark\.(register|rawSetNew)$' -t "$threads" \
                -prof "$redis_cpu"
            jmh "redis-t$threads-r$round-update" 'RedisAdapterBenchmark\.(update|rawSetSame)$' \
                -t "$threads" -prof "$redis_cpu"
        done
    done
fi

if wants adapters || wants inmemory; then
    jmh codec 'RedisCodecBenchmark' -prof gc
fi

if wants inmemory; then
    for threads in 1 8; do
        jmh "inmemory-t$threads" 'InMemoryAdapterBenchmark' -t "$threads"
    done
fi

if wants scale; then
    printf 'live_tasks\tused_memory\tused_memory_empty\tdoc_running\tdoc_completed\tidx_all_bytes\tidx_all_card\tidx_running_bytes\tidx_running_card\tidx_type_bytes\tidx_type_card\n' \
        > "$results/memory/redis-memory.tsv"
    for size in "${sizes[@]}"; do
        # Each size alone in the Redis: nothing of an earlier size (or of the adapter runs) remains.
        "${cli[@]}" flushdb >/dev/null
        empty=$("${cli[@]}" info memory | awk -F: '/^used_memory:/ {print $2}' | tr -d '\r')
        pattern='\.RedisScaleBenchmark\.'
        if [ "$size" -le 100000 ]; then pattern='\.(Naive)?RedisScaleBenchmark\.'; fi
        jmh "scale-$size" "$pattern" -p "liveTasks=$size" -t 1
        prefix="scale-$size"
        # task-1 is running and of type bond_pricing, task-2 completed with a result (BenchmarkTasks.numbered).
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" \
            "$("${cli[@]}" info memory | awk -F: '/^used_memory:/ {print $2}' | tr -d '\r')" "$empty" \
            "$("${cli[@]}" memory usage "{$prefix}:task:task-1")" \
            "$("${cli[@]}" memory usage "{$prefix}:task:task-2")" \
            "$("${cli[@]}" memory usage "{$prefix}:idx:all" samples 0)" "$("${cli[@]}" zcard "{$prefix}:idx:all")" \
            "$("${cli[@]}" memory usage "{$prefix}:idx:status:running" samples 0)" \
            "$("${cli[@]}" zcard "{$prefix}:idx:status:running")" \
            "$("${cli[@]}" memory usage "{$prefix}:idx:type:bond_pricing" samples 0)" \
            "$("${cli[@]}" zcard "{$prefix}:idx:type:bond_pricing")" >> "$results/memory/redis-memory.tsv"
    done
    "${cli[@]}" get "{scale-${sizes[-1]}}:task:task-2" > "$results/memory/typical-document.json" 2>/dev/null || true
    "${cli[@]}" flushdb >/dev/null
fi

if wants feed; then
    # Both variants in one fork, taking turns by iteration (FeedCostBenchmark.variantOf: ABBA); the fork empties the
    # Redis and fills each registry past the stream's retention first. About 75 s per invocation (two forks:
    # register, update); FeedEventProfile about 3 minutes.
    feed_stats=dev.taskregistry.benchmarks.RedisCommandStatsProfiler
    saved_timing=("${jmh_timing[@]}")
    # Quick: still two iterations of each variant measured (ABBA after the two warm-ups).
    if $quick; then jmh_timing=(-wi 2 -w 1 -i 4 -r 1); fi
    for round in $(seq 1 "$rounds"); do
        for threads in 1 8; do
            jmh "feed-t$threads-r$round" 'FeedCostBenchmark\.(register|update)$' -t "$threads" \
                -prof "$redis_cpu" -prof "$feed_stats"
        done
    done
    jmh_timing=("${saved_timing[@]}")
    echo "== FeedEventProfile"
    profile_timing=()
    if $quick; then profile_timing=(--rounds 1 --calls 2000); fi
    "$java_bin" -cp "$jmh_jar" dev.taskregistry.benchmarks.FeedEventProfile "${profile_timing[@]}" \
        --out "$results/feed/feed-profile.tsv" 2> "$results/feed/feed-profile.log" | tee "$results/feed/feed-profile.txt"
    "${cli[@]}" flushdb >/dev/null
fi

if wants http; then
    # One run of the jar as shipped per store: TCP_NODELAY and the pinned MapperManager, the two fixes these
    # benchmarks found (docs/BENCHMARKS.md, findings A and B), are in the service itself now, so the former
    # variants with them added by hand measured the same service.
    for store in inmemory redis; do
        "${cli[@]}" flushdb >/dev/null
        JAVA_HOME="$JAVA_HOME" scripts/bench-http.sh --store "$store" --redis-url "$BENCH_REDIS_URL" \
            --jar "$results/service/task-registry.jar" --out "$results/http" "${http_timing[@]}" --variant as-shipped
    done
fi

if wants mcp; then
    # The MCP tool call against the REST read of the same tasks, in one service process per store.
    for store in inmemory redis; do
        "${cli[@]}" flushdb >/dev/null
        JAVA_HOME="$JAVA_HOME" scripts/bench-http.sh --store "$store" --redis-url "$BENCH_REDIS_URL" \
            --jar "$results/service/task-registry.jar" --out "$results/mcp" "${http_timing[@]}" --variant as-shipped \
            --compare mcp --rounds "$mcp_rounds" 2>/dev/null
    done
fi

if wants cluster; then
    start_cluster "$results/cluster"

    # As jmh() on the cluster: every master emptied and every node's statistics reset before the run; after it,
    # the command statistics of the busiest master (a registry lies in one slot, so that is its master).
    cluster_jmh() {
        local name="$1"; shift
        echo "== JMH $name"
        for port in "${cluster_ports[@]}"; do
            if [ "$(redis-cli -p "$port" role | head -1)" = "master" ]; then redis-cli -p "$port" flushall >/dev/null; fi
            redis-cli -p "$port" config resetstat >/dev/null
        done
        "$java_bin" -jar "$jmh_jar" "$@" "${jmh_timing[@]}" -rf json -rff "$results/jmh/$name.json" \
            | tee "$results/jmh/$name.txt" | grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)' | grep -v ':gc\.' || true
        local busiest="" most=-1 calls
        for port in "${cluster_ports[@]}"; do
            if [ "$(redis-cli -p "$port" role | head -1)" != "master" ]; then continue; fi
            calls=$(redis-cli -p "$port" info commandstats | tr -d '\r' \
                | awk -F'calls=' '/^cmdstat_/ {split($2, a, ","); s += a[1]} END {print s + 0}')
            if [ "$calls" -gt "$most" ]; then most=$calls; busiest=$port; fi
        done
        redis-cli -p "$busiest" info commandstats | tr -d '\r' | grep '^cmdstat_' > "$results/jmh/$name.commandstats"
    }

    cluster_cpu=dev.taskregistry.benchmarks.RedisClusterCpuProfiler
    for round in $(seq 1 "$rounds"); do
        for threads in 1 8; do
            cluster_jmh "cluster-t$threads-r$round-find" 'RedisClusterBenchmark\.(find|rawGet)$' -t "$threads" \
                -prof "$cluster_cpu"
            cluster_jmh "cluster-t$threads-r$round-register" 'RedisClusterBenchmark\.(register|rawSetNew)$' \
                -t "$threads" -prof "$cluster_cpu"
            cluster_jmh "cluster-t$threads-r$round-update" 'RedisClusterBenchmark\.(update|rawSetSame)$' \
                -t "$threads" -prof "$cluster_cpu"
        done
    done
    stop_cluster
    unset BENCH_CLUSTER_NODES

    # Deployments of its own (a cluster, a Sentinel set), started and stopped by FailoverWindow itself.
    echo "== failover windows ($failover_repeats repetitions of each fault)"
    "$java_bin" -cp "$jmh_jar" dev.taskregistry.benchmarks.FailoverWindow --repeats "$failover_repeats" \
        --out "$results/failover/failover.tsv" 2> "$results/failover/failover.log" | tee "$results/failover/failover.txt"
fi

if wants feed-latency; then
    # Worker processes of the jar (the copy) on a redis-server FeedLatency starts and stops itself, and in memory.
    echo "== change feed: event latency and memory per idle subscriber ($feed_repeats repetitions)"
    "$java_bin" -cp "$jmh_jar" dev.taskregistry.benchmarks.FeedLatency --repeats "$feed_repeats" "${feed_timing[@]}" \
        --jar "$results/service/task-registry.jar" --out "$results/feed-latency" \
        2> "$results/feed-latency/feed-latency.log" | tee "$results/feed-latency/feed-latency.txt"
fi

if wants shards; then
    # On a cluster of its own, so that slots moved by ShardSlots --balance and a million tasks touch nothing else.
    start_cluster "$results/shards"
    echo "== sharded registry: register at 8 threads, list and stats at 1k-1M tasks, bytes per task ($rounds rounds)"
    free -g > "$results/shards/free-before.txt"
    # One wave of a sharded call on the client: a cluster pipeline over 12 slots, as the adapter opens it and on a
    # pool made once, against the same GETs one after another.
    echo "== JMH cluster-pipeline"
    "$java_bin" -jar "$jmh_jar" 'ClusterPipelineBenchmark' -t 1 "${jmh_timing[@]}" -rf json \
        -rff "$results/shards/cluster-pipeline.json" | tee "$results/shards/cluster-pipeline.txt" \
        | grep -E '^(Benchmark|ClusterPipelineBenchmark\.)' || true
    "$java_bin" -Xms1g -Xmx4g -cp "$jmh_jar" dev.taskregistry.benchmarks.shards.ShardBenchmarks --rounds "$rounds" \
        "${shard_timing[@]}" --out "$results/shards" 2> "$results/shards/shards.log" | tee "$results/shards/shards.txt"
    stop_cluster
    unset BENCH_CLUSTER_NODES
fi

echo "--- load average at end: $(cat /proc/loadavg)" >> "$results/machine.txt"
if wants mcp; then
    echo
    echo "== MCP tools/call get-task-status vs GET /tasks/{id} ($results/mcp)"
    column -t -s $'\t' "$results/mcp/mcp.tsv"
    echo
    column -t -s $'\t' "$results/mcp/mcp-ratios.tsv"
    awk -F'\t' 'NR > 1 {r[$1] = r[$1] " " $6} END {for (s in r) print s ":" r[s]}' "$results/mcp/mcp-ratios.tsv" \
        | while IFS=: read -r store list; do
            echo "$store: median MCP / GET $(tr ' ' '\n' <<< "$list" | grep . | sort -n \
                | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}') (target >= 0.7)"
        done
fi
"$java_bin" -cp "$jmh_jar" dev.taskregistry.benchmarks.report.BenchmarkReport "$results" > "$results/summary.md"
if [ -s "$results/shards/summary.md" ]; then
    { echo; echo "## Sharded registry on Redis Cluster"; echo; cat "$results/shards/summary.md"; } >> "$results/summary.md"
fi
echo
echo "== summary ($results/summary.md)"
cat "$results/summary.md"
