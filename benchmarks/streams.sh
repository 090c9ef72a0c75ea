#!/usr/bin/env bash
# The cost of streams: publish-to-delivery throughput to 1,000 subscribers of one stream with
# history against the existing group broadcast, in one run (StreamsFanOutBenchmark). About a
# minute; everything on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmarks -am -DskipTests package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec java -Xmx2g -cp "$classpath" io.wsboot.benchmarks.streams.StreamsFanOutBenchmark "$@"
