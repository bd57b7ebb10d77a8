/**
 * JMH benchmarks of what observation costs per record: the consumer's record path and the
 * producer's per-send calls with Micrometer meters and OpenTelemetry tracing on and off.
 */
package io.recsys.ratings.benchmarks.observe;
