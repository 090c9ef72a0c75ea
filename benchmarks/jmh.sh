#!/usr/bin/env bash
# JMH benchmarks of the engine's hot paths: frame codec, masking, UTF-8 validation and the
# opening handshake. Arguments go to JMH, e.g. a regular expression of benchmarks:
#
#   benchmarks/jmh.sh                              # all, about 6 minutes
#   benchmarks/jmh.sh MaskingBenchmark -p size=4096
#   benchmarks/jmh.sh -prof gc FrameCodecBenchmark # allocation per operation
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmarks -am -DskipTests package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
mkdir -p benchmarks/target/jmh
exec java -cp "$classpath" org.openjdk.jmh.Main -rf json -rff benchmarks/target/jmh/results.json "$@"
