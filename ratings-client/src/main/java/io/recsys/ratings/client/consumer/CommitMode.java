package io.recsys.ratings.client.consumer;

/**
 * How {@link RatingConsumer} commits offsets when a commit is due (after a poll batch, once the
 * {@linkplain RatingConsumerBuilder#commitInterval(java.time.Duration) commit interval} has
 * passed). Either way a commit covers only records whose handler returned and whose dead letters
 * were acknowledged (at-least-once), and a rebalance, a stop, an empty poll and {@link
 * RatingConsumer#close()} commit synchronously everything processed.
 *
 * <p>After a crash (a killed process: no stop, no close) the records processed since the last
 * commit the broker confirmed are read again. With a commit interval of zero that is at most one
 * poll batch ({@code max.poll.records}) in {@link #SYNCHRONOUS} mode and at most three in {@link
 * #PIPELINED} mode; with the default interval, about one interval's worth of records more.
 */
public enum CommitMode {
  /**
   * The default: the commit is sent asynchronously and the loop goes on polling, so its round trip
   * overlaps with fetching and processing. At most one commit is in flight: while it is unanswered
   * the next batches ride with the following commit, and the second batch that would wait commits
   * synchronously instead (answered after the one in flight). A commit that fails is sent again
   * with the next one unless a later commit already covers its partition.
   */
  PIPELINED,

  /** The loop waits for the broker to confirm each commit before it polls again. */
  SYNCHRONOUS
}
