package io.recsys.ratings.client.recommendations;

/**
 * What a {@link RecommendationReader} has read so far.
 *
 * @param records every record read
 * @param updates valid events applied (a user's list added or replaced)
 * @param tombstones records with a null value (a user removed)
 * @param invalid well-formed events that broke a rule of the validator, or whose key is not their
 *     userId; skipped
 * @param malformed values that were not recommendation events, or tombstones whose key is not a
 *     userId; skipped
 * @param users the users with a list now
 * @param partitions the partitions read
 * @param caughtUp whether the reader has read up to the end offsets seen at start
 */
public record RecommendationReaderStats(
    long records,
    long updates,
    long tombstones,
    long invalid,
    long malformed,
    int users,
    int partitions,
    boolean caughtUp) {

  /**
   * The records skipped as bad data.
   *
   * @return {@code invalid + malformed}
   */
  public long rejected() {
    return invalid + malformed;
  }
}
