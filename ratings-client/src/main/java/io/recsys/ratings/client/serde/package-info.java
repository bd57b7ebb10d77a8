/**
 * Kafka serdes for rating events, for plain Kafka clients and Kafka Streams: {@link
 * io.recsys.ratings.client.serde.RatingSerializer}, {@link
 * io.recsys.ratings.client.serde.RatingDeserializer} and both as {@link
 * io.recsys.ratings.client.serde.RatingSerde}.
 */
package io.recsys.ratings.client.serde;
