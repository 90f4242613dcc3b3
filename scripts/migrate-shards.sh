#!/usr/bin/env bash
# Moves the Redis registry to another shard count while every worker is stopped (README: "Migrating to another
# shard count"): scripts/migrate-shards.sh --to 16 [--from 1]. Reads the service's configuration (environment
# variables TASKREGISTRY_REDIS_URL, TASKREGISTRY_REDIS_MODE, TASKREGISTRY_REDIS_NODES, TASKREGISTRY_REDIS_KEY_PREFIX,
# ...). Exit status 0 when done, 1 when refused or stopped (run it again to finish), 2 for wrong arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$java_bin" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    echo "needs JDK 21+: set JAVA_HOME to one (see README)" >&2
    exit 2
fi
jar=bootstrap/target/task-registry.jar
# Built when missing or older than a source, so the command is the one these sources describe.
if [ ! -f "$jar" ] || [ -n "$(find . -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
    mvn -B -q -DskipTests package >&2
fi
# The jar's manifest names its libs/, so the jar alone is the class path.
exec "$java_bin" -cp "$jar" dev.taskregistry.bootstrap.ShardMigrationCommand "$@"
