#!/usr/bin/env bash
# Installs adder4j from this checkout into the local Maven repository, then builds and runs this consumer project
# offline, using nothing but adder4j's published coordinates (through adder-bom).
#   ./run.sh [A B]          adds A + B with the zoo model (default: 5193798811 1806201129)
#   ADDER_M2_REPO=DIR       use DIR as the local Maven repository for both builds (e.g. a scratch copy of ~/.m2/repository)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

repo=()
if [[ -n "${ADDER_M2_REPO:-}" ]]; then
  repo=("-Dmaven.repo.local=$ADDER_M2_REPO")
fi

echo "installing adder4j from $root ..." >&2
(cd "$root" && mvn -B -q ${repo[@]+"${repo[@]}"} install -DskipTests) >&2

echo "building the consumer offline ..." >&2
cd "$here"
mvn -B -q -o ${repo[@]+"${repo[@]}"} package >&2

java_cmd="java"
if [[ -n "${JAVA_HOME:-}" ]]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
exec "$java_cmd" -Dai.djl.offline=true -cp "target/classes:$(cat target/classpath.txt)" com.example.consumer.ConsumerMain "$@"
