package io.recsys.ratings.datagen;

import java.util.SplittableRandom;

/**
 * Walker/Vose alias table: samples an index with probability proportional to its weight in O(1)
 * (one random int and one random double per draw).
 */
final class AliasTable {
  private final double[] probability;
  private final int[] alias;

  /**
   * Builds the table in O(n).
   *
   * @param weights non-negative weights, at least one positive
   */
  AliasTable(double[] weights) {
    int n = weights.length;
    if (n == 0) {
      throw new IllegalArgumentException("at least one weight is needed");
    }
    double sum = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
      }
      sum += w;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("at least one weight must be positive");
    }
    probability = new double[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int smallCount = 0;
    int largeCount = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1.0) {
        small[smallCount++] = i;
      } else {
        large[largeCount++] = i;
      }
    }
    while (smallCount > 0 && largeCount > 0) {
      int s = small[--smallCount];
      int l = large[--largeCount];
      probability[s] = scaled[s];
      alias[s] = l;
      scaled[l] = (scaled[l] + scaled[s]) - 1.0;
      if (scaled[l] < 1.0) {
        small[smallCount++] = l;
      } else {
        large[largeCount++] = l;
      }
    }
    while (largeCount > 0) {
      probability[large[--largeCount]] = 1.0;
    }
    while (smallCount > 0) {
      probability[small[--smallCount]] = 1.0;
    }
  }

  /**
   * Draws one index.
   *
   * @param random the source of randomness
   * @return an index in {@code 0 .. size() - 1}
   */
  public int sample(SplittableRandom random) {
    int i = random.nextInt(probability.length);
    return random.nextDouble() < probability[i] ? i : alias[i];
  }

  /**
   * The number of outcomes.
   *
   * @return the table size
   */
  public int size() {
    return probability.length;
  }
}
