package io.recsys.ratings.schema;

/**
 * The allowed (inclusive) ranges of user and movie ids. Movie ids are sparse, so the range is
 * checked, never a movie count.
 *
 * @param minUserId the smallest allowed user id
 * @param maxUserId the largest allowed user id, at least {@code minUserId}
 * @param minMovieId the smallest allowed movie id
 * @param maxMovieId the largest allowed movie id, at least {@code minMovieId}
 */
public record RatingBounds(int minUserId, int maxUserId, int minMovieId, int maxMovieId) {

  /** MovieLens 20M: users 1..138,493, movies 1..131,262. The default. */
  public static final RatingBounds ML_20M = new RatingBounds(1, 138_493, 1, 131_262);

  /** MovieLens 25M: users 1..162,541, movies 1..209,171. */
  public static final RatingBounds ML_25M = new RatingBounds(1, 162_541, 1, 209_171);

  /** MovieLens 32M: users 1..200,948, movies 1..292,757. */
  public static final RatingBounds ML_32M = new RatingBounds(1, 200_948, 1, 292_757);

  /**
   * Checks that each minimum is at most its maximum.
   *
   * @param minUserId the smallest allowed user id
   * @param maxUserId the largest allowed user id
   * @param minMovieId the smallest allowed movie id
   * @param maxMovieId the largest allowed movie id
   * @throws IllegalArgumentException if a minimum exceeds its maximum; the message names both
   */
  public RatingBounds {
    if (minUserId > maxUserId) {
      throw new IllegalArgumentException(
          "minUserId " + minUserId + " must be <= maxUserId " + maxUserId);
    }
    if (minMovieId > maxMovieId) {
      throw new IllegalArgumentException(
          "minMovieId " + minMovieId + " must be <= maxMovieId " + maxMovieId);
    }
  }

  /**
   * The default bounds, {@link #ML_20M}.
   *
   * @return {@link #ML_20M}
   */
  public static RatingBounds defaults() {
    return ML_20M;
  }

  /**
   * Bounds with ids starting at 1.
   *
   * @param maxUserId the largest allowed user id, at least 1
   * @param maxMovieId the largest allowed movie id, at least 1
   * @return bounds {@code 1..maxUserId} and {@code 1..maxMovieId}
   * @throws IllegalArgumentException if a maximum is below 1
   */
  public static RatingBounds of(int maxUserId, int maxMovieId) {
    if (maxUserId < 1) {
      throw new IllegalArgumentException("maxUserId must be in 1..2147483647, got " + maxUserId);
    }
    if (maxMovieId < 1) {
      throw new IllegalArgumentException("maxMovieId must be in 1..2147483647, got " + maxMovieId);
    }
    return new RatingBounds(1, maxUserId, 1, maxMovieId);
  }
}
