#!/usr/bin/env bash
# Issue #16, point 3: what Redis spends per register at 8 clients, against a raw SET of the same document, and
# whether a Redis 7 Function or fewer commands per script move it.
#
# Usage: docs/profiles/register-variants.sh [--runs 3] [--calls 200000] [--preload 200000] [--out FILE]
#
# Starts a redis-server of its own on a free port (never the shared 6379; no persistence), stops it on exit.
# For each variant and run: FLUSHALL, the same preload (--preload registrations by the shipped register.lua,
# pipelined, so the sorted sets are as large as in production and the events stream holds its 10000), then
# CONFIG RESETSTAT and redis-benchmark with 8 clients, one command in flight each (-c 8 -P 1, one client
# thread). Reported per call: Redis' own time (INFO commandstats usec_per_call of the command sent: SET,
# EVALSHA or FCALL, a script's inner commands included) and the redis-server process's CPU (utime + stime of
# /proc/<pid>/stat over the measured pass, divided by the calls: command time plus event loop, socket reads and
# writes, reply buffers). Median of the runs, each figure on its own.
#
# Ids are __rand_int__ over 10^9 (not 10^7): with 10^7 about 4 % of the measured registrations would find their
# id live and take the refusal path (GET + cjson.decode of the stored document) instead of a registration.
# redis-benchmark draws every __rand_int__ of a command afresh, so the key's id and the indexed id differ: the
# same sizes, the same work.
set -euo pipefail

runs=3
calls=200000
preload=200000
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --calls) calls="$2"; shift 2 ;;
        --preload) preload="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shipped="$root/adapters-redis/src/main/resources/dev/taskregistry/adapters/redis/register.lua"
[ -f "$shipped" ] || { echo "no $shipped" >&2; exit 1; }
work="$(mktemp -d)"

port=6392
while ss -ltn | awk '{print $4}' | grep -q ":$port\$"; do port=$((port + 1)); done
[ "$port" -ne 6379 ] || { echo "refusing port 6379" >&2; exit 1; }
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work"
cleanup() {
    if [ -f "$work/redis.pid" ]; then
        pid="$(cat "$work/redis.pid")"
        redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$work"
}
trap cleanup EXIT
cli=(redis-cli -p "$port")
for _ in $(seq 50); do "${cli[@]}" ping >/dev/null 2>&1 && break; sleep 0.1; done
pid="$(cat "$work/redis.pid")"
tck="$(getconf CLK_TCK)"

# The script variants, derived from the shipped register.lua (each edit must find its text: a changed script
# stops the run rather than measuring something else).
python3 - "$shipped" "$work" <<'EOF'
import sys
shipped, work = sys.argv[1], sys.argv[2]
src = open(shipped).read()

def without(text, old, new=''):
    if text.count(old) != 1:
        sys.exit('register.lua changed: expected once: ' + old)
    return text.replace(old, new)

zrems = '''for position = 1, statuses do
  if position == status then
    redis.call('ZADD', KEYS[2 + position], ARGV[2], ARGV[3])
  else
    -- An earlier task with this id may have expired in another status before its entry was pruned.
    redis.call('ZREM', KEYS[2 + position], ARGV[3])
  end
end
'''
all_zadd = "redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])\n"
xadd = '''appendEvent(KEYS[#KEYS], ARGV[9], ARGV[10], 'kind', 'registered', 'id', ARGV[3],
  'type', ARGV[5], 'status', ARGV[8], 'version', ARGV[7], 'task', ARGV[1])
'''
one_zadd = "redis.call('ZADD', KEYS[2 + status], ARGV[2], ARGV[3])\n"
variants = {
    'shipped': src,
    'a-no-zrem': without(src, zrems, one_zadd),
    'b-no-idx-all': without(src, all_zadd),
    'c-no-xadd': without(src, xadd),
    'd-no-zrem-no-idx-all': without(without(src, zrems, one_zadd), all_zadd),
}
for name, body in variants.items():
    open(f'{work}/{name}.lua', 'w').write(body)
# The shipped script as a Redis 7 Function: the body unchanged inside a function whose parameters are named
# KEYS and ARGV (a Function sees no globals of those names).
open(f'{work}/function.lua', 'w').write(
    "#!lua name=taskregistry_bench\n"
    "redis.register_function('register', function(KEYS, ARGV)\n" + src + "\nend)\n")
EOF

declare -A sha
for variant in shipped a-no-zrem b-no-idx-all c-no-xadd d-no-zrem-no-idx-all; do
    sha[$variant]="$("${cli[@]}" -x script load < "$work/$variant.lua")"
done
"${cli[@]}" -x function load replace < "$work/function.lua" >/dev/null

p='{reg}'
doc_id='task-539ed695de8db3759b5a391c1fa98fc9'
# A typical stored document, 487 bytes (MemoryPerTask's; docs/profiles/memory-per-task.txt).
doc='{"id":"'$doc_id'","type":"equity_analysis","status":"pending","resource_url":"mcp://task/'$doc_id'","estimated_completion":null,"progress":0.0,"created_at":"2026-12-01T21:34:47.413Z","updated_at":"2026-12-01T21:34:47.413Z","query":"analyse ACME.","completed_steps":0,"total_steps":10,"started_at":null,"completed_at":null,"result":null,"error":null,"expires_at":"2099-12-31T23:59:59.000Z","version":1,"write_id":"1f93a8c7262720f1"}'
[ "${#doc}" -eq 487 ] || { echo "document is ${#doc} bytes, not 487" >&2; exit 1; }
expires=4102444799000
# The preload's ids start with 'p': redis-benchmark seeds its random() from time(NULL) ^ getpid(), so two runs a few
# seconds and a few pids apart can draw the same ids, and the measured pass would then find every id live (seen:
# all 200000 registrations took the repeat path). The measured ids never meet the preloaded ones.
rid="__rand_int__"
keys_of() { keys=("$p:task:$rid" "$p:idx:all" "$p:idx:status:pending" "$p:idx:status:running"
    "$p:idx:status:completed" "$p:idx:status:failed" "$p:idx:status:cancelled" "$p:idx:type:equity_analysis"
    "$p:types" "$p:events")
    args=("$doc" "$expires" "$rid" 1 equity_analysis 1f93a8c7262720f1 1 pending 10000 '*'); }
bench=(redis-benchmark -p "$port" -r 1000000000 --threads 1)

run_command() { # variant, then redis-benchmark's own options
    local variant="$1"; shift
    keys_of
    case "$variant" in
        set) "${bench[@]}" "$@" SET "$p:task:$rid" "$doc" ;;
        set-nx-pxat) "${bench[@]}" "$@" SET "$p:task:$rid" "$doc" NX PXAT "$expires" ;;
        fcall) "${bench[@]}" "$@" FCALL register "${#keys[@]}" "${keys[@]}" "${args[@]}" ;;
        *) "${bench[@]}" "$@" EVALSHA "${sha[$variant]}" "${#keys[@]}" "${keys[@]}" "${args[@]}" ;;
    esac
}
stat_of() { # cmdstat name -> "calls usec"
    "${cli[@]}" info commandstats | tr -d '\r' | awk -F'[:,=]' -v name="cmdstat_$1" \
        '$1 == name { print $3, $5 }'
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }

results="$work/results.tsv"
: > "$results"
variants=(set set-nx-pxat shipped fcall a-no-zrem b-no-idx-all c-no-xadd d-no-zrem-no-idx-all)
for run in $(seq "$runs"); do
    for variant in "${variants[@]}"; do
        "${cli[@]}" flushall >/dev/null
        rid="p__rand_int__" run_command shipped -n "$preload" -c 8 -P 16 -q >/dev/null
        loaded="$("${cli[@]}" zcard "$p:idx:all")"
        "${cli[@]}" config resetstat >/dev/null
        before="$(cpu_ticks)"
        rps="$(run_command "$variant" -n "$calls" -c 8 -P 1 --csv | tail -1 | awk -F'","' '{ print $(NF - 6) }')"
        after="$(cpu_ticks)"
        case "$variant" in set*) cmd=set ;; fcall) cmd=fcall ;; *) cmd=evalsha ;; esac
        read -r n usec <<< "$(stat_of "$cmd")"
        # The inner commands per call: a check that each variant runs what it says.
        # Their own time, summed (commandstats counts a script's commands too): the rest of a script's time is Lua.
        inner=""
        inner_usec=0
        for c in set zadd zrem sadd xadd get; do
            read -r cn cu <<< "$(stat_of "$c")"
            inner+="$c=$(awk -v a="${cn:-0}" -v b="$n" 'BEGIN { printf "%.2f", a / b }') "
            inner_usec=$((inner_usec + ${cu:-0}))
        done
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$run" "$n" "$usec" "$((after - before))" "$rps" \
            "$loaded" "$inner_usec" "$inner" >> "$results"
        printf 'run %s %-22s calls %s  usec %s  cpu_ticks %s  rps %s  preloaded idx:all %s  %s\n' \
            "$run" "$variant" "$n" "$usec" "$((after - before))" "$rps" "$loaded" "$inner" >&2
    done
done

report() {
    echo "# docs/profiles/register-variants.sh --runs $runs --calls $calls --preload $preload"
    echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -n), $(nproc) cores, $(redis-server --version)"
    echo "# redis-benchmark -c 8 -P 1 --threads 1 -r 1000000000 -n $calls per run, after FLUSHALL and a preload of"
    echo "# $preload registrations (shipped register.lua, -P 16); CLK_TCK $tck; median of $runs runs, each column on its own"
    echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (another engineer's benchmarks share the machine)"
    echo
    echo "## per run"
    printf 'variant\trun\tcalls\tcommand_usec\tcpu_ticks\tops_per_s\tpreloaded\tinner_usec\tinner commands per call\n'
    cat "$results"
    echo
    echo "## medians"
    python3 - "$results" "$tck" <<'EOF'
import statistics, sys
rows = [line.rstrip('\n').split('\t') for line in open(sys.argv[1])]
tck = int(sys.argv[2])
order, data = [], {}
for variant, run, calls, usec, ticks, rps, loaded, inner_usec, inner in rows:
    if variant not in data:
        order.append(variant)
        data[variant] = []
    calls = int(calls)
    data[variant].append((int(usec) / calls, int(ticks) * 1e6 / tck / calls, float(rps), int(inner_usec) / calls, inner))
med = {v: [statistics.median(r[i] for r in data[v]) for i in range(4)] for v in order}
base = med['set']
labels = {
    'set': 'raw SET (yardstick)',
    'set-nx-pxat': 'SET NX PXAT',
    'shipped': 'EVALSHA register.lua (shipped)',
    'fcall': 'FCALL register (Function)',
    'a-no-zrem': '(a) EVALSHA without the 4 ZREMs',
    'b-no-idx-all': '(b) EVALSHA without idx:all ZADD',
    'c-no-xadd': '(c) EVALSHA without XADD',
    'd-no-zrem-no-idx-all': '(d) EVALSHA without ZREMs + idx:all',
}
print('| variant | Redis command µs/call | Redis CPU µs/call | command µs / SET | CPU / SET | ops/s (8 clients) | ops/s / SET | of the command µs: its commands\' own | the rest (Lua) | commands per call |')
print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
for v in order:
    u, c, r, i = med[v]
    rest = '' if v.startswith('set') else f'{u - i:.2f}'
    own = '' if v.startswith('set') else f'{i:.2f}'
    print(f'| {labels.get(v, v)} | {u:.2f} | {c:.2f} | {u / base[0]:.2f}x | {c / base[1]:.2f}x | {r:,.0f} | {r / base[2]:.2f}x | {own} | {rest} | {data[v][0][4].strip()} |')
print()
print('min..max over the runs:')
for v in order:
    rs = data[v]
    print(f'  {labels.get(v, v):38s} command µs {min(x[0] for x in rs):6.2f}..{max(x[0] for x in rs):6.2f}'
          f'  CPU µs {min(x[1] for x in rs):6.2f}..{max(x[1] for x in rs):6.2f}'
          f'  ops/s {min(x[2] for x in rs):8,.0f}..{max(x[2] for x in rs):8,.0f}')
EOF
}
if [ -n "$out" ]; then report | tee "$out"; else report; fi
