package io.recsys.ratings.client.consumer;

import java.util.List;

/**
 * How many valid ratings fell on each of the ten half-star values 0.5, 1.0, ..., 5.0.
 *
 * @param counts ten counts; index {@code i} holds rating {@code (i + 1) / 2.0}
 */
public record RatingDistribution(List<Long> counts) {

  /** The number of buckets. */
  public static final int BUCKETS = 10;

  /**
   * Checks there are ten counts and copies them.
   *
   * @param counts ten counts
   * @throws IllegalArgumentException if not exactly ten
   */
  public RatingDistribution {
    if (counts == null || counts.size() != BUCKETS) {
      throw new IllegalArgumentException(
          "a rating distribution has " + BUCKETS + " counts but got " + counts);
    }
    counts = List.copyOf(counts);
  }

  /**
   * The bucket of a rating.
   *
   * @param rating a rating
   * @return 0..9 for the half-star values 0.5..5.0, or -1 for anything else
   */
  public static int bucketOf(double rating) {
    double twice = rating * 2;
    if (!(twice >= 1 && twice <= 10) || twice != Math.rint(twice)) {
      return -1;
    }
    return (int) twice - 1;
  }

  /**
   * The count of one half-star value.
   *
   * @param rating one of 0.5, 1.0, ..., 5.0
   * @return its count
   * @throws IllegalArgumentException if not a half-star value in 0.5..5.0
   */
  public long count(double rating) {
    int bucket = bucketOf(rating);
    if (bucket < 0) {
      throw new IllegalArgumentException("not a half-star rating in 0.5..5.0: " + rating);
    }
    return counts.get(bucket);
  }

  /**
   * All ratings counted.
   *
   * @return the sum of the counts
   */
  public long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  /**
   * The mean rating.
   *
   * @return the mean, or 0 if nothing was counted
   */
  public double mean() {
    long n = 0;
    double sum = 0;
    for (int i = 0; i < BUCKETS; i++) {
      n += counts.get(i);
      sum += counts.get(i) * (i + 1) / 2.0;
    }
    return n == 0 ? 0 : sum / n;
  }
}
