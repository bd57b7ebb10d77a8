/**
 * Typed Kafka clients for rating events: what the producer and the consumer share. The exceptions
 * ({@link io.recsys.ratings.client.RatingsClientException}, its retriable and configuration
 * variants) and the stats common to both ({@link io.recsys.ratings.client.ClientStats}, {@link
 * io.recsys.ratings.client.LatencySummary}), and {@link io.recsys.ratings.client.Tracing}, the W3C
 * trace context through record headers with OpenTelemetry (optional). The clients are in {@link
 * io.recsys.ratings.client.producer} and {@link io.recsys.ratings.client.consumer}, serdes for
 * plain Kafka clients and Kafka Streams in {@link io.recsys.ratings.client.serde}, and the
 * publisher of stats to the metrics topic in {@link io.recsys.ratings.client.metrics}.
 */
package io.recsys.ratings.client;
