#!/usr/bin/env bash
# The SDK against Kafka's own perf tools on one real broker process (see docs/performance.md).
# Builds what the harness needs, then runs io.recsys.ratings.benchmarks.harness.Harness.
#   benchmarks/run-harness.sh            full run (2,000,000 records x 6 rounds, e2e 10,000/s x 30 s)
#   benchmarks/run-harness.sh --smoke    a few thousand records: checks every figure is produced
# Other options: --records N --rounds N --e2e-rate N --e2e-seconds N --e2e-warmup N
#                --threads 1,2,4 --output FILE (default benchmarks/target/harness-result.json)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  ./mvnw -B -ntp -q -pl benchmarks -am install -Dmaven.test.skip=true -Dmaven.javadoc.skip=true -Dspotless.check.skip=true
fi
./mvnw -B -ntp -q -pl benchmarks dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/harness.classpath
exec java -Xmx512m -cp "benchmarks/target/classes:$(cat benchmarks/target/harness.classpath)" \
  io.recsys.ratings.benchmarks.harness.Harness "$@"
