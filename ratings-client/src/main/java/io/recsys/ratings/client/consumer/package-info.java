/**
 * Consuming rating events: {@link io.recsys.ratings.client.consumer.RatingConsumer}, built by
 * {@link io.recsys.ratings.client.consumer.RatingConsumerBuilder}, hands each valid event to a
 * {@link io.recsys.ratings.client.consumer.RatingHandler} and commits an offset only after its
 * record is done. Each record is classified once ({@link
 * io.recsys.ratings.client.consumer.RecordKind}); records that cannot be handled are retried,
 * dead-lettered or stop the consumer, as the {@link
 * io.recsys.ratings.client.consumer.FailurePolicy} says. Also here: the run's result and stats, and
 * the headers of dead letters. {@link io.recsys.ratings.client.consumer.RatingConsumerRuntime} runs
 * several consumers of a group in one process, with a lifecycle and {@link
 * io.recsys.ratings.client.consumer.ConsumerHealth health}.
 */
package io.recsys.ratings.client.consumer;
