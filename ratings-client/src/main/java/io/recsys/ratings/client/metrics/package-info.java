/**
 * Publishing client stats: {@link io.recsys.ratings.client.metrics.MetricsPublisher} turns
 * snapshots of a producer's or a consumer's stats into windows and sends them to the metrics topic
 * as {@code MetricsEvent}s.
 */
package io.recsys.ratings.client.metrics;
