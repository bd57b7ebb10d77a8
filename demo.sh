#!/usr/bin/env bash
# Builds the CLI and runs the demo on an
# embedded Kafka broker. Extra arguments go to `ratings demo` (e.g. --bootstrap-servers host:9092).
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -ntp -q -pl ratings-cli -am package -DskipTests
exec java -jar ratings-cli/target/ratings-cli.jar demo "$@"
