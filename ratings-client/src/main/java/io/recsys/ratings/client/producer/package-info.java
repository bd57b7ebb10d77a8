/**
 * Sending rating events: {@link io.recsys.ratings.client.producer.RatingProducer} (idempotent,
 * {@code acks=all}, every event validated before it is sent), built by {@link
 * io.recsys.ratings.client.producer.RatingProducerBuilder}; per-send and per-batch outcomes, send
 * listeners and producer stats; {@link io.recsys.ratings.client.producer.InMemoryRatingProducer} as
 * a test double; and {@link io.recsys.ratings.client.producer.MovieLensReplay} to replay a
 * MovieLens file at a given rate.
 */
package io.recsys.ratings.client.producer;
