package io.recsys.ratings.client.producer;

/**
 * Where Kafka stored an acknowledged rating.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 * @param timestamp the record timestamp, epoch milliseconds (the event's timestamp)
 */
public record SendResult(String topic, int partition, long offset, long timestamp) {}
