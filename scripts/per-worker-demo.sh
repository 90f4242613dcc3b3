#!/usr/bin/env bash
# The per-worker bug, reproduced: N worker processes per store, tasks registered round-robin, every
# task polled on every worker. Options: --workers 4 --tasks 40 --store inmemory,redis --redis-url URL
# --redis-mode standalone|sentinel|cluster --redis-nodes host:port,host:port (sentinels or cluster seeds)
# --redis-master NAME (the master's name in Sentinel)
set -euo pipefail
cd "$(dirname "$0")/.."

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$java_bin" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    echo "needs JDK 21+: set JAVA_HOME to one (see README)" >&2
    exit 1
fi
if [ ! -f bootstrap/target/task-registry.jar ]; then
    mvn -B -q -DskipTests package
fi
exec "$java_bin" scripts/PerWorkerDemo.java "$@"
