package io.recsys.ratings.spark;

import io.recsys.ratings.schema.RecommendedItem;
import io.recsys.ratings.spark.internal.ItemFactors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One saved model version loaded onto the driver (see {@link ModelDirectory#load}): the user and
 * item factors of the ALS model, every user's rated movies at training time, and the popular movies
 * that users the model does not know are given.
 *
 * <p>Immutable. The item factors are what executors need ({@link #items()}, broadcast once per
 * version); everything else stays on the driver.
 */
public final class RecommenderModel {
  /** The lowest rating a prediction is clipped to. */
  public static final double MIN_RATING = 0.5;

  /** The highest rating a prediction is clipped to. */
  public static final double MAX_RATING = 5.0;

  private static final int[] NONE = new int[0];

  private final ModelMetadata metadata;
  private final Map<Integer, float[]> userFactors;
  private final ItemFactors items;
  private final Map<Integer, int[]> rated;
  private final List<RecommendedItem> popular;

  /**
   * A loaded model.
   *
   * @param metadata its metadata
   * @param userFactors factors per user id
   * @param items the item factors
   * @param rated the movies each user had rated at training time, each array ascending
   * @param popular the fallback list, best first
   */
  public RecommenderModel(
      ModelMetadata metadata,
      Map<Integer, float[]> userFactors,
      ItemFactors items,
      Map<Integer, int[]> rated,
      List<RecommendedItem> popular) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.userFactors = Map.copyOf(userFactors);
    this.items = Objects.requireNonNull(items, "items");
    this.rated = Map.copyOf(rated);
    this.popular = List.copyOf(popular);
  }

  /**
   * The version.
   *
   * @return the model version
   */
  public String version() {
    return metadata.version();
  }

  /**
   * The metadata.
   *
   * @return what the model was trained with
   */
  public ModelMetadata metadata() {
    return metadata;
  }

  /**
   * The item factors (the part executors get, by broadcast).
   *
   * @return the item factors
   */
  public ItemFactors items() {
    return items;
  }

  /**
   * Movies the model knows: the catalogue that coverage is measured against.
   *
   * @return the number of movies with factors
   */
  public int catalogueSize() {
    return items.size();
  }

  /**
   * Users the model knows.
   *
   * @return the number of users with factors
   */
  public int userCount() {
    return userFactors.size();
  }

  /**
   * A user's factors.
   *
   * @param userId the user
   * @return the factors, or null if the model does not know the user
   */
  public float[] userFactors(int userId) {
    return userFactors.get(userId);
  }

  /**
   * The movies a user had rated at training time.
   *
   * @param userId the user
   * @return movie ids ascending, empty for an unknown user
   */
  public int[] rated(int userId) {
    return rated.getOrDefault(userId, NONE);
  }

  /**
   * The fallback list for users the model does not know.
   *
   * @return popular movies, best first
   */
  public List<RecommendedItem> popular() {
    return popular;
  }

  /**
   * The model's prediction of a rating, clipped to {@value #MIN_RATING}..{@value #MAX_RATING}.
   *
   * @param userId the user
   * @param movieId the movie
   * @return the prediction, empty if the user or the movie is unknown to the model
   */
  public OptionalDouble predict(int userId, int movieId) {
    float[] user = userFactors.get(userId);
    int index = items.indexOf(movieId);
    if (user == null || index < 0) {
      return OptionalDouble.empty();
    }
    double p = items.score(user, index);
    if (Double.isNaN(p)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Math.max(MIN_RATING, Math.min(MAX_RATING, p)));
  }

  /**
   * The fallback list minus what a user has rated.
   *
   * @param seen the user's rated movies, ascending
   * @param n how many at most
   * @return popular movies the user has not rated, best first
   */
  public List<RecommendedItem> popularFor(int[] seen, int n) {
    List<RecommendedItem> out = new ArrayList<>(n);
    for (RecommendedItem item : popular) {
      if (out.size() >= n) {
        break;
      }
      if (Arrays.binarySearch(seen, item.movieId()) < 0) {
        out.add(item);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "RecommenderModel[version="
        + version()
        + ", users="
        + userFactors.size()
        + ", movies="
        + items.size()
        + ", rank="
        + items.rank()
        + ", popular="
        + popular.size()
        + "]";
  }
}
