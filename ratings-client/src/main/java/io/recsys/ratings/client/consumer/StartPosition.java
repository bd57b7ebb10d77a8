package io.recsys.ratings.client.consumer;

/** Where a consumer group with no committed offset for a partition starts reading it. */
public enum StartPosition {
  /** From the oldest record still in the partition ({@code auto.offset.reset=earliest}). */
  EARLIEST,
  /** Only records written after the consumer joined ({@code auto.offset.reset=latest}). */
  LATEST
}
