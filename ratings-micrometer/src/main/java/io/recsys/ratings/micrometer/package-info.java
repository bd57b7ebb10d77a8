/**
 * Micrometer meters for the ratings clients: {@link io.recsys.ratings.micrometer.ConsumerMetrics}
 * and {@link io.recsys.ratings.micrometer.ProducerMetrics} observe every record and send of a
 * {@code RatingConsumer} or {@code RatingProducer} (counters per outcome and failure kind, latency
 * timers with percentiles, lag gauges) and bind the Kafka client's own metrics with Micrometer's
 * {@code KafkaClientMetrics}. The meter names are listed in {@link
 * io.recsys.ratings.micrometer.MeterNames}.
 */
package io.recsys.ratings.micrometer;
