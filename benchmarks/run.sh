#!/usr/bin/env bash
# The full side-by-side run: every echo server in its own JVM (same flags), pinned to its
# own core, through every scenario; results in benchmarks/results/<name>.md and .json.
#
#   benchmarks/run.sh                                  # everything, about 15 minutes
#   benchmarks/run.sh --servers netty,wsboot --scenarios echo-64-text-c100-f16
#   benchmarks/run.sh --warmup 5 --measure 10 --label "after the write-path change"
#   benchmarks/run.sh --servers wsboot --jfr benchmarks/target/jfr   # JFR of each server
#
# Scenario ids: idle-c10000 echo-64-text-c100-f1 echo-64-text-c100-f16
# echo-4k-binary-c100-f8 echo-64k-binary-c10-f4 echo-64-text-c2000-f1 storm
set -euo pipefail
cd "$(dirname "$0")/.."

# 10,000 idle connections need as many descriptors in the load generator and in the
# server, which inherits this limit
ulimit -n "$(ulimit -Hn)"

./mvnw -q -B -pl benchmarks -am -DskipTests package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime

# a private copy, so that building again during a run changes nothing under it
run_dir="benchmarks/target/run-$$"
mkdir -p "$run_dir"
cp benchmarks/target/classes -r "$run_dir/classes"
cp_entries=""
IFS=":" read -ra entries < benchmarks/target/classpath.txt || true
for entry in "${entries[@]}"; do
	case "$entry" in
		"$PWD"/*) cp "$entry" "$run_dir/" ; entry="$run_dir/$(basename "$entry")" ;;
	esac
	cp_entries="$cp_entries:$entry"
done
classpath="$run_dir/classes$cp_entries"

java_cmd=(java -Xms1g -Xmx2g -XX:+UseG1GC -cp "$classpath" io.wsboot.benchmarks.harness.BenchmarkRunner
	--command "benchmarks/run.sh $*")
if command -v taskset >/dev/null && [ "$(nproc --all)" -ge 2 ]; then
	# the load generator on core 0, every server on core 1
	exec taskset -c 0 "${java_cmd[@]}" --client-cpus 0 --server-cpus 1 "$@"
fi
echo "taskset not found or a single core: running unpinned" >&2
exec "${java_cmd[@]}" "$@"
