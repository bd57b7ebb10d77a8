/**
 * Typed Kafka clients for rating events: {@link io.recsys.ratings.client.RatingProducer} and {@link
 * io.recsys.ratings.client.RatingConsumer} with validation, stats, dead letters and metrics, plus
 * serdes for plain Kafka clients and Kafka Streams.
 */
package io.recsys.ratings.client;
