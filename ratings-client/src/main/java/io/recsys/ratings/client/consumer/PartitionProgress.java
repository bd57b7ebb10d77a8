package io.recsys.ratings.client.consumer;

/**
 * A consumer's progress in one assigned partition.
 *
 * @param topic the topic
 * @param partition the partition
 * @param position the offset of the next record the consumer will read
 * @param lag records between the position and the partition's end, or -1 if not known yet
 */
public record PartitionProgress(String topic, int partition, long position, long lag) {}
