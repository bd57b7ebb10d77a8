#!/usr/bin/env bash
# The SDK against Kafka's own perf tools on one real broker process (see docs/performance.md).
# Builds what the harness needs in the reactor (nothing is installed), then runs
# io.recsys.ratings.benchmarks.harness.Harness.
#   benchmarks/run-harness.sh            full run (2,000,000 records x 6 rounds, e2e 10,000/s x 30 s)
#   benchmarks/run-harness.sh --smoke    a few thousand records: checks every figure is produced
# Other options: --records N --rounds N --e2e-rate N --e2e-seconds N --e2e-warmup N
#                --threads 1,2,4 --steady-state N --steady-state-pairs N
#                --output FILE (default benchmarks/target/harness-result.json)
# SKIP_BUILD=1 reuses the classes and class path of the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -B -ntp -q -pl benchmarks -am package dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/harness.classpath \
    -Dmaven.test.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
fi
exec java -Xmx512m -cp "benchmarks/target/classes:$(cat benchmarks/target/harness.classpath)" \
  io.recsys.ratings.benchmarks.harness.Harness "$@"
