#!/usr/bin/env bash
# HTTP load on the service with wrk: GET /health/live (the yardstick), GET /tasks/{id} and POST /tasks, each
# at 50 connections, against one service process of the runnable jar on one store; resident memory idle and
# under load. Run by scripts/bench-all.sh; alone:
#   scripts/bench-http.sh --store inmemory|redis [--redis-url redis://127.0.0.1:PORT] [--out DIR]
#                         [--duration 10] [--warmup 5] [--connections 50] [--threads 2] [--jar PATH]
#                         [--variant NAME] [--java-opts "JVM OPTIONS"] [--compare mcp [--rounds 3]]
# Appends to DIR/results.tsv (store, variant, endpoint, requests/s, p50 ms, p99 ms, non-2xx) and DIR/rss.tsv,
# keeps every raw wrk output in DIR.
# --compare mcp measures, instead, POST /mcp tools/call get-task-status (benchmarks/wrk/mcp-get-task-status.lua)
# against GET /tasks/{id} on the same tasks in the same process: both warmed up alike (2 x --warmup s each),
# then --rounds rounds of one run of each, the order alternating (GET, MCP; MCP, GET; ...) so a drift of the
# machine's load favours neither. Appends to DIR/mcp.tsv (store, variant, round, endpoint, requests/s, p50 ms,
# p99 ms, non-2xx, tool errors) and DIR/mcp-ratios.tsv (store, variant, round, GET and MCP requests/s, ratio),
# and prints the median ratio. A variant (default: as-shipped) runs the same jar with extra JVM options
# (--java-opts, e.g. a configuration key as a system property), to measure a change before it is made.
# Needs wrk: apt-get install wrk (Debian and Ubuntu package it).
# Loopback only; every run is bounded by --duration and the service is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

store=""
redis_url=""
out="benchmarks/target/bench-results/http"
duration=10
# The Jersey path of GET /tasks/{id} keeps getting faster for about 20 s of load on 2 cores (C2 compiles):
# the warm-up runs GET and POST longer than the cheap /health/live.
warmup=10
connections=50
threads=2
jar="bootstrap/target/task-registry.jar"
tasks=1000
variant="as-shipped"
java_opts=""
compare=""
rounds=3
while [ $# -gt 0 ]; do
    case "$1" in
        --store) store="$2"; shift 2 ;;
        --redis-url) redis_url="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --jar) jar="$2"; shift 2 ;;
        --variant) variant="$2"; shift 2 ;;
        --java-opts) java_opts="$2"; shift 2 ;;
        --compare) compare="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
done
case "$store" in
    inmemory) ;;
    redis) [ -n "$redis_url" ] || { echo "--store redis needs --redis-url (a Redis of your own, not the shared one)" >&2; exit 2; } ;;
    *) echo "--store must be inmemory or redis" >&2; exit 2 ;;
esac
case "$compare" in
    ""|mcp) ;;
    *) echo "--compare must be mcp" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install curl" >&2; exit 1; }
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f "$jar" ] || { echo "$jar is missing: build it with mvn -B -DskipTests package" >&2; exit 1; }
mkdir -p "$out"
wrk_dir="benchmarks/wrk"

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

rss_kib() {
    awk '/^VmRSS:/ {print $2}' "/proc/$1/status"
}

port=$(free_port)
base="http://127.0.0.1:$port"
service_pid=""
sampler_pid=""
stop_all() {
    if [ -n "$sampler_pid" ]; then kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; fi
    if [ -n "$service_pid" ]; then
        kill "$service_pid" 2>/dev/null || true
        wait "$service_pid" 2>/dev/null || true
    fi
}
trap stop_all EXIT

run="$store-$variant"
echo "== HTTP load, store $store, $variant${java_opts:+ ($java_opts)}, port $port"
TASKREGISTRY_STORE="$store" TASKREGISTRY_REDIS_URL="${redis_url:-redis://127.0.0.1:1}" \
    TASKREGISTRY_REDIS_KEY_PREFIX="bench-http-$store-$$" SERVER_PORT="$port" \
    "$java_bin" $java_opts -jar "$jar" \
    > "$out/service-$run.log" 2>&1 &
service_pid=$!

for _ in $(seq 1 120); do
    if curl -sf -o /dev/null "$base/health/ready"; then break; fi
    kill -0 "$service_pid" 2>/dev/null || { echo "the service exited; see $out/service-$run.log" >&2; exit 1; }
    sleep 0.5
done
curl -sf -o /dev/null "$base/health/ready" || { echo "the service did not become ready" >&2; exit 1; }
sleep 2
idle_rss=$(rss_kib "$service_pid")

# The tasks GET reads: ids bench-0 .. bench-999, registered over one keep-alive connection.
config="$out/register-$run.curl"
: > "$config"
for i in $(seq 0 $((tasks - 1))); do
    printf 'url = "%s/tasks"\nrequest = "POST"\nheader = "Content-Type: application/json"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\ndata = "{\\"id\\":\\"bench-%d\\",\\"type\\":\\"equity_analysis\\",\\"query\\":\\"analyse ACME\\",\\"total_steps\\":10}"\n' "$base" "$i" >> "$config"
    if [ "$i" -lt $((tasks - 1)) ]; then echo "next" >> "$config"; fi
done
created=$(curl -s --config "$config" | grep -c '^201$' || true)
[ "$created" -eq "$tasks" ] || { echo "registered $created of $tasks tasks" >&2; exit 1; }

# endpoint name, then wrk arguments
run_wrk() {
    local label="$1" name="$2" seconds="$3"; shift 3
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" > "$out/wrk-$run-$label.txt" 2>&1
    cat "$out/wrk-$run-$label.txt" >&2
}

to_ms() {
    # wrk prints latencies as 850.00us, 1.23ms or 1.02s
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
        else { sub(/s$/, "", v); printf "%.3f", v * 1000 } }'
}

record() {
    local label="$1" name="$2" file="$out/wrk-$run-$1.txt"
    local rps p50 p99 non2xx
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$store" "$variant" "$name" "$rps" "$p50" "$p99" "${non2xx:-0}" >> "$out/results.tsv"
}

if [ "$compare" = mcp ]; then
    mcp_round() {
        local round="$1" which="$2" label="$2-r$1" file rps
        if [ "$which" = get ]; then
            run_wrk "$label" "GET /tasks/{id}" "$duration" -s "$wrk_dir/get-task.lua" "$base"
        else
            run_wrk "$label" "MCP get-task-status" "$duration" -s "$wrk_dir/mcp-get-task-status.lua" "$base"
        fi
        file="$out/wrk-$run-$label.txt"
        rps=$(awk '/^Requests\/sec:/ {print $2}' "$file")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$store" "$variant" "$round" \
            "$([ "$which" = get ] && echo 'GET /tasks/{id}' || echo 'POST /mcp get-task-status')" "$rps" \
            "$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")" "$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")" \
            "$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file" | grep . || echo 0)" \
            "$([ "$which" = get ] && echo - || awk '/^mcp isError:/ {print $3}' "$file")" >> "$out/mcp.tsv"
        eval "rps_$which=$rps"
    }
    [ -f "$out/mcp.tsv" ] || printf 'store\tvariant\tround\tendpoint\trequests_per_s\tp50_ms\tp99_ms\tnon_2xx\ttool_errors\n' > "$out/mcp.tsv"
    [ -f "$out/mcp-ratios.tsv" ] || printf 'store\tvariant\tround\tget_rps\tmcp_rps\tratio\n' > "$out/mcp-ratios.tsv"
    # The MCP answer to one of the tasks, kept beside the figures (and a check that the endpoint answers).
    curl -sf "$base/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
        -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get-task-status","arguments":{"task_id":"bench-1"}}}' \
        > "$out/mcp-answer-$run.json" || { echo "POST /mcp did not answer 200" >&2; exit 1; }
    echo "-- warm-up: get $((warmup * 2)) s, mcp $((warmup * 2)) s"
    run_wrk warmup-get "GET /tasks/{id}" $((warmup * 2)) -s "$wrk_dir/get-task.lua" "$base" 2>/dev/null
    run_wrk warmup-mcp "MCP get-task-status" $((warmup * 2)) -s "$wrk_dir/mcp-get-task-status.lua" "$base" 2>/dev/null
    echo "-- measured: $rounds rounds of ${duration} s per endpoint, the order alternating"
    ratios=()
    for round in $(seq 1 "$rounds"); do
        if [ $((round % 2)) -eq 1 ]; then mcp_round "$round" get; mcp_round "$round" mcp
        else mcp_round "$round" mcp; mcp_round "$round" get; fi
        ratio=$(awk -v m="$rps_mcp" -v g="$rps_get" 'BEGIN {printf "%.3f", m / g}')
        ratios+=("$ratio")
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$store" "$variant" "$round" "$rps_get" "$rps_mcp" "$ratio" >> "$out/mcp-ratios.tsv"
        echo "-- round $round: GET $rps_get req/s, MCP $rps_mcp req/s, ratio $ratio"
    done
    median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}')
    echo "-- $store: MCP / GET median ratio $median over $rounds rounds (${ratios[*]}); target >= 0.7"
    exit 0
fi

[ -f "$out/results.tsv" ] || printf 'store\tvariant\tendpoint\trequests_per_s\tp50_ms\tp99_ms\tnon_2xx\n' > "$out/results.tsv"
[ -f "$out/rss.tsv" ] || printf 'store\tvariant\tidle_kib\tload_max_kib\tafter_kib\n' > "$out/rss.tsv"

echo "-- warm-up: live ${warmup} s, get $((warmup * 2)) s, post ${warmup} s"
run_wrk warmup-live "GET /health/live" "$warmup" "$base/health/live" 2>/dev/null
run_wrk warmup-get "GET /tasks/{id}" $((warmup * 2)) -s "$wrk_dir/get-task.lua" "$base" 2>/dev/null
run_wrk warmup-post "POST /tasks" "$warmup" -s "$wrk_dir/post-task.lua" "$base/tasks" 2>/dev/null

echo "-- measured, ${duration} s per endpoint: live, get, post, live"
(while kill -0 "$service_pid" 2>/dev/null; do rss_kib "$service_pid"; sleep 0.5; done) > "$out/rss-samples-$run.txt" 2>/dev/null &
sampler_pid=$!
run_wrk live-1 "GET /health/live" "$duration" "$base/health/live"
record live-1 "GET /health/live"
run_wrk get "GET /tasks/{id}" "$duration" -s "$wrk_dir/get-task.lua" "$base"
record get "GET /tasks/{id}"
run_wrk post "POST /tasks" "$duration" -s "$wrk_dir/post-task.lua" "$base/tasks"
record post "POST /tasks"
run_wrk live-2 "GET /health/live" "$duration" "$base/health/live"
record live-2 "GET /health/live"
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
load_rss=$(sort -n "$out/rss-samples-$run.txt" | tail -1)
sleep 5
after_rss=$(rss_kib "$service_pid")
printf '%s\t%s\t%s\t%s\t%s\n' "$store" "$variant" "$idle_rss" "$load_rss" "$after_rss" >> "$out/rss.tsv"
echo "-- RSS KiB: idle $idle_rss, under load (max) $load_rss, after load $after_rss"
