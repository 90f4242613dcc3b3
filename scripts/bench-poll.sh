#!/usr/bin/env bash
# A status poll, side by side in one run: GET /tasks/{id} on Redis against GET /health/live of the same service
# (the service's floor), against webdis reading the same stored document (Debian's C HTTP gateway to Redis, the
# floor of "HTTP to Redis with nothing else") and against GET /tasks/{id} of a second service on the in-memory
# store; each at the same connections, with p50/p99 and the CPU each request cost the service and Redis
# (/proc/<pid>/stat over the run) and Redis' own time per request (INFO commandstats). Then fresh instances:
# each one started anew and loaded at once, counting the answers that were not 2xx in its first seconds.
#   scripts/bench-poll.sh [--rounds 3] [--duration 10] [--warmup 10] [--connections 50] [--threads 2]
#                         [--fresh 3] [--fresh-seconds 5] [--jar PATH] [--out DIR] [--java-opts "JVM OPTIONS"]
#                         [--variant NAME] [--jfr SECONDS] [--strace SECONDS]
# Starts its own redis-server and webdis on free ports (never the shared Redis on 6379) and stops everything it
# started. The rounds rotate the order of the five loads so that a drift of the machine's load favours none.
# Appends to DIR/poll.tsv (one row per load and round) and DIR/fresh.tsv, prints DIR/poll-summary.md.
# --jfr N: also records N seconds of JFR (CPU samples and allocations) of the Redis service under GET after
# the rounds, into DIR/get-redis-<variant>.jfr, and summarises it with benchmarks' JfrBreakdown.
# --strace N: also counts the system calls of the service (strace -c -f) under N seconds of each GET and of
# /health/live, per request, into DIR/syscalls-<variant>.txt: a count per request, which strace's slowing down
# does not change, where the JFR profile sees no kernel time.
# Needs wrk, webdis, redis-server, curl: apt-get install wrk webdis redis-server curl.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3
duration=10
warmup=10
connections=50
threads=2
fresh=3
fresh_seconds=5
jar="bootstrap/target/task-registry.jar"
out="benchmarks/target/bench-results/poll"
java_opts=""
variant="as-shipped"
jfr_seconds=0
strace_seconds=0
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --fresh) fresh="$2"; shift 2 ;;
        --fresh-seconds) fresh_seconds="$2"; shift 2 ;;
        --jar) jar="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --java-opts) java_opts="$2"; shift 2 ;;
        --variant) variant="$2"; shift 2 ;;
        --jfr) jfr_seconds="$2"; shift 2 ;;
        --strace) strace_seconds="$2"; shift 2 ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
done
for tool in wrk webdis redis-server redis-cli curl; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install wrk webdis redis-server curl" >&2; exit 1; }
done
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f "$jar" ] || { echo "$jar is missing: build it with mvn -B -DskipTests package" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
tick=$(getconf CLK_TCK)

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

pids=()
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

# user and system CPU ticks of a process
cpu_ticks() {
    awk '{print $14, $15}' "/proc/$1/stat"
}

wait_ready() {
    local url="$1" pid="$2" log="$3"
    for _ in $(seq 1 240); do
        if curl -sf -o /dev/null "$url"; then return 0; fi
        kill -0 "$pid" 2>/dev/null || { echo "process $pid exited; see $log" >&2; exit 1; }
        sleep 0.25
    done
    echo "$url did not answer; see $log" >&2
    exit 1
}

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
    > "$out/redis.log" 2>&1 &
redis_pid=$!
pids+=("$redis_pid")
for _ in $(seq 1 40); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.25; done
redis_url="redis://127.0.0.1:$redis_port"
prefix="bench-poll"

webdis_port=$(free_port)
cat > "$out/webdis.json" <<EOF
{ "redis_host": "127.0.0.1", "redis_port": $redis_port, "http_host": "127.0.0.1", "http_port": $webdis_port,
  "threads": 2, "daemonize": false, "database": 0, "verbosity": 1, "logfile": "$out/webdis.log" }
EOF
webdis "$out/webdis.json" 2> "$out/webdis.stderr" &
webdis_pid=$!
pids+=("$webdis_pid")

start_service() {
    local store="$1" name="$2" port="$3"; shift 3
    TASKREGISTRY_STORE="$store" TASKREGISTRY_REDIS_URL="$redis_url" TASKREGISTRY_REDIS_KEY_PREFIX="$prefix" \
        SERVER_PORT="$port" "$java_bin" $java_opts "$@" -jar "$jar" > "$out/service-$name-$variant.log" 2>&1 &
    echo $!
}

redis_service_port=$(free_port)
redis_service=$(start_service redis redis "$redis_service_port")
pids+=("$redis_service")
memory_service_port=$(free_port)
memory_service=$(start_service inmemory inmemory "$memory_service_port")
pids+=("$memory_service")
wait_ready "http://127.0.0.1:$redis_service_port/health/ready" "$redis_service" "$out/service-redis-$variant.log"
wait_ready "http://127.0.0.1:$memory_service_port/health/ready" "$memory_service" "$out/service-inmemory-$variant.log"

# One typical task, polled by every load: the same stored document for the service and for webdis.
task='{"id":"poll-1","type":"equity_analysis","query":"Analyse ACME Corp: revenue, margins and guidance for the last four quarters","total_steps":10}'
for port in "$redis_service_port" "$memory_service_port"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$task" \
        "http://127.0.0.1:$port/tasks")
    [ "$code" = 201 ] || { echo "registering the polled task answered $code on port $port" >&2; exit 1; }
done
document_key="{$prefix}:task:poll-1"
redis-cli -p "$redis_port" exists "$document_key" | grep -qx 1 \
    || { echo "the stored document is not at $document_key" >&2; exit 1; }
webdis_path="/GET/%7B$prefix%7D:task:poll-1"
curl -sf "http://127.0.0.1:$webdis_port$webdis_path" > "$out/webdis-answer.json" \
    || { echo "webdis did not answer $webdis_path" >&2; exit 1; }
curl -sf "http://127.0.0.1:$redis_service_port/tasks/poll-1" > "$out/service-answer.json"
echo "-- the stored document: $(redis-cli -p "$redis_port" strlen "$document_key") bytes; the service's answer:" \
    "$(wc -c < "$out/service-answer.json") bytes; webdis's: $(wc -c < "$out/webdis-answer.json") bytes"

# load name -> URL, the process that serves it, whether Redis works for it
url_of() {
    case "$1" in
        live) echo "http://127.0.0.1:$redis_service_port/health/live" ;;
        get-redis) echo "http://127.0.0.1:$redis_service_port/tasks/poll-1" ;;
        webdis) echo "http://127.0.0.1:$webdis_port$webdis_path" ;;
        get-inmemory) echo "http://127.0.0.1:$memory_service_port/tasks/poll-1" ;;
        live-inmemory) echo "http://127.0.0.1:$memory_service_port/health/live" ;;
    esac
}
server_of() {
    case "$1" in
        live|get-redis) echo "$redis_service" ;;
        webdis) echo "$webdis_pid" ;;
        get-inmemory|live-inmemory) echo "$memory_service" ;;
    esac
}

to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
        else { sub(/s$/, "", v); printf "%.3f", v * 1000 } }'
}

# Redis' read events so far: one per read of a client's socket, however many commands it brought
redis_reads() {
    redis-cli -p "$redis_port" info stats | tr -d '\r' | awk -F: '$1 == "total_reads_processed" {print $2}'
}

# Redis' own command time and calls since the last reset
redis_commands() {
    redis-cli -p "$redis_port" info commandstats | tr -d '\r' \
        | awk -F'[:=,]' '/^cmdstat_/ {calls += $3; usec += $5} END {printf "%d %d", calls, usec}'
}

[ -f "$out/poll.tsv" ] || printf 'variant\tround\tload\trequests_per_s\tp50_ms\tp99_ms\trequests\tnon_2xx\tsocket_errors\tserver_user_us\tserver_sys_us\tredis_cpu_us\tredis_calls\tredis_cmd_us\tredis_reads\n' > "$out/poll.tsv"

measure() {
    local round="$1" load="$2" seconds="$3" file="$out/wrk-$variant-$2-r$1.txt"
    local server server_before redis_before server_after redis_after
    server=$(server_of "$load")
    redis-cli -p "$redis_port" config resetstat >/dev/null
    reads0=$(redis_reads)
    read -r su0 ss0 <<< "$(cpu_ticks "$server")"
    read -r ru0 rs0 <<< "$(cpu_ticks "$redis_pid")"
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$(url_of "$load")" > "$file" 2>&1
    read -r su1 ss1 <<< "$(cpu_ticks "$server")"
    read -r ru1 rs1 <<< "$(cpu_ticks "$redis_pid")"
    read -r calls usec <<< "$(redis_commands)"
    reads1=$(redis_reads)
    [ "$round" = warmup ] && return 0
    local requests rps p50 p99 non2xx errors
    requests=$(awk '/requests in/ {print $1}' "$file")
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file" | grep . || echo 0)
    errors=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$file" | grep . || echo 0)
    awk -v OFS='\t' -v variant="$variant" -v round="$round" -v name="$load" -v rps="$rps" -v p50="$p50" \
        -v p99="$p99" -v n="$requests" -v non2xx="$non2xx" -v errors="$errors" -v tick="$tick" \
        -v su=$((su1 - su0)) -v ss=$((ss1 - ss0)) -v r=$((ru1 + rs1 - ru0 - rs0)) -v calls="$calls" -v usec="$usec" -v reads=$((reads1 - reads0)) \
        'BEGIN { us = 1e6 / tick / n
                 print variant, round, name, rps, p50, p99, n, non2xx, errors,
                       sprintf("%.1f", su * us), sprintf("%.1f", ss * us), sprintf("%.1f", r * us),
                       sprintf("%.2f", calls / n), sprintf("%.2f", usec / n), sprintf("%.3f", reads / n) }' >> "$out/poll.tsv"
    echo "-- round $round $load: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $non2xx"
}

loads=(live get-redis webdis get-inmemory live-inmemory)
echo "-- warm-up: ${warmup} s per load, twice the GETs (C2 compiles Jersey's path for about 20 s)"
for load in "${loads[@]}"; do
    measure warmup "$load" "$warmup"
    case "$load" in get-*) measure warmup "$load" "$warmup" ;; esac
done
for round in $(seq 1 "$rounds"); do
    shift_by=$(((round - 1) % ${#loads[@]}))
    for i in $(seq 0 $((${#loads[@]} - 1))); do
        measure "$round" "${loads[$(((i + shift_by) % ${#loads[@]}))]}" "$duration"
    done
done

if [ "$jfr_seconds" -gt 0 ]; then
    jfr_file="$out/get-redis-$variant.jfr"
    jcmd_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
    "$jcmd_bin" "$redis_service" JFR.start name=poll settings=profile "jdk.ExecutionSample#period=1ms" duration="$((jfr_seconds + 2))s" \
        filename="$jfr_file" > /dev/null
    wrk -t"$threads" -c"$connections" -d"${jfr_seconds}s" "$(url_of get-redis)" > "$out/wrk-$variant-jfr.txt" 2>&1
    for _ in $(seq 1 40); do [ -s "$jfr_file" ] && break; sleep 0.5; done
    sleep 3
    "$java_bin" -cp benchmarks/target/benchmarks.jar dev.taskregistry.benchmarks.JfrBreakdown "$jfr_file" \
        > "$out/get-redis-$variant-profile.txt"
    echo "-- JFR summary: $out/get-redis-$variant-profile.txt"
fi

if [ "$strace_seconds" -gt 0 ]; then
    command -v strace >/dev/null || { echo "strace is missing: apt-get install strace" >&2; exit 1; }
    summary="$out/syscalls-$variant.txt"
    : > "$summary"
    for load in get-redis get-inmemory live; do
        counts="$out/strace-$variant-$load.txt"
        strace -c -f -q -p "$(server_of "$load")" -o "$counts" &
        strace_pid=$!
        sleep 2
        wrk -t"$threads" -c"$connections" -d"${strace_seconds}s" "$(url_of "$load")" \
            > "$out/wrk-$variant-strace-$load.txt" 2>&1
        kill -INT "$strace_pid"
        wait "$strace_pid" 2>/dev/null || true
        requests=$(awk '/requests in/ {print $1}' "$out/wrk-$variant-strace-$load.txt")
        {
            echo "== $load: system calls of the service per request ($requests requests under strace -c -f)"
            awk -v n="$requests" '$NF != "syscall" && $NF != "total" && $4 ~ /^[0-9]+$/ {
                    printf "  %-16s %8.2f per request\n", $NF, $4 / n; total += $4 }
                END { printf "  %-16s %8.2f per request\n", "all", total / n }' "$counts" | sort -k2 -rn | head -12
        } >> "$summary"
    done
    cat "$summary"
fi

# Fresh instances: each started anew on the same Redis and loaded as soon as it reports ready.
[ -f "$out/fresh.tsv" ] || printf 'variant\tinstance\trequests\tnon_2xx\tsocket_errors\tp99_ms\n' > "$out/fresh.tsv"
for instance in $(seq 1 "$fresh"); do
    port=$(free_port)
    pid=$(start_service redis "fresh-$instance" "$port")
    pids+=("$pid")
    wait_ready "http://127.0.0.1:$port/health/ready" "$pid" "$out/service-fresh-$instance-$variant.log"
    file="$out/wrk-$variant-fresh-$instance.txt"
    wrk -t"$threads" -c"$connections" -d"${fresh_seconds}s" --latency "http://127.0.0.1:$port/tasks/poll-1" \
        > "$file" 2>&1
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$instance" "$(awk '/requests in/ {print $1}' "$file")" \
        "$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file" | grep . || echo 0)" \
        "$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$file" | grep . || echo 0)" \
        "$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")" >> "$out/fresh.tsv"
    echo "-- fresh instance $instance: $(tail -1 "$out/fresh.tsv")"
done

"$java_bin" -cp benchmarks/target/benchmarks.jar dev.taskregistry.benchmarks.report.PollReport "$out" \
    | tee "$out/poll-summary.md"
