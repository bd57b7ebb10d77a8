package io.recsys.ratings.spark.internal;

import io.recsys.ratings.schema.RecommendedItem;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The item factors of an ALS model in flat arrays, small enough to broadcast, and the heap top-k
 * that scores a user against them while skipping the movies the user has rated.
 *
 * <p>Scores are {@code float} dot products widened to {@code double}, computed in the same order
 * wherever they run, so a list is the same on a driver, in {@code local[2]} and on a cluster. Ties
 * are broken by the smaller movie id.
 */
public final class ItemFactors implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] ids;
  private final float[] factors;
  private final int rank;

  /**
   * Wraps factors.
   *
   * @param ids movie ids, ascending
   * @param factors {@code ids.length * rank} factors, row by row
   * @param rank the factors per movie
   * @throws IllegalArgumentException if the sizes do not match or the ids are not ascending
   */
  public ItemFactors(int[] ids, float[] factors, int rank) {
    if (rank <= 0 || factors.length != (long) ids.length * rank) {
      throw new IllegalArgumentException(
          "factors must hold ids.length * rank = "
              + ids.length
              + " * "
              + rank
              + " values, got "
              + factors.length);
    }
    for (int i = 1; i < ids.length; i++) {
      if (ids[i] <= ids[i - 1]) {
        throw new IllegalArgumentException(
            "ids must be ascending, got " + ids[i] + " after " + ids[i - 1]);
      }
    }
    this.ids = ids;
    this.factors = factors;
    this.rank = rank;
  }

  /**
   * The number of movies.
   *
   * @return the catalogue size of the model
   */
  public int size() {
    return ids.length;
  }

  /**
   * The rank.
   *
   * @return factors per movie
   */
  public int rank() {
    return rank;
  }

  /**
   * The position of a movie.
   *
   * @param movieId the movie
   * @return its index, or a negative number if the model does not know it
   */
  public int indexOf(int movieId) {
    return Arrays.binarySearch(ids, movieId);
  }

  /**
   * The model's score of one movie for a user.
   *
   * @param user the user's factors
   * @param index the movie's index ({@link #indexOf(int)})
   * @return the dot product
   */
  public double score(float[] user, int index) {
    float dot = 0f;
    int base = index * rank;
    for (int f = 0; f < rank; f++) {
      dot += user[f] * factors[base + f];
    }
    return dot;
  }

  /**
   * The {@code k} best movies for a user, best first, leaving out the rated ones.
   *
   * @param user the user's factors
   * @param seen the movies the user has rated, ascending
   * @param k how many at most
   * @return the movies and their scores, best first
   */
  public List<RecommendedItem> topK(float[] user, int[] seen, int k) {
    // min-heap of (score, movie): the root is the worst kept entry
    PriorityQueue<double[]> heap =
        new PriorityQueue<>(
            k + 1,
            (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
    for (int i = 0; i < ids.length; i++) {
      int movie = ids[i];
      if (Arrays.binarySearch(seen, movie) >= 0) {
        continue;
      }
      double s = score(user, i);
      if (Double.isNaN(s) || Double.isInfinite(s)) {
        continue;
      }
      if (heap.size() < k) {
        heap.add(new double[] {s, movie});
      } else {
        double[] worst = heap.peek();
        if (s > worst[0] || (s == worst[0] && movie < worst[1])) {
          heap.poll();
          heap.add(new double[] {s, movie});
        }
      }
    }
    RecommendedItem[] out = new RecommendedItem[heap.size()];
    for (int i = out.length - 1; i >= 0; i--) {
      double[] e = heap.poll();
      out[i] = new RecommendedItem((int) e[1], e[0]);
    }
    return List.of(out);
  }
}
