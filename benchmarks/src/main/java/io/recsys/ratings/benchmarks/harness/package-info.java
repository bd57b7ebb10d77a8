/**
 * The benchmark harness: the SDK against Kafka's own perf tools on one real broker process; see
 * {@link io.recsys.ratings.benchmarks.harness.Harness}.
 */
package io.recsys.ratings.benchmarks.harness;
