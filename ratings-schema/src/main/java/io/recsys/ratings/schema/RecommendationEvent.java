package io.recsys.ratings.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The latest recommendations for one user: a ranked list of movies, which model made it and when,
 * and the rating that triggered it. Published to the compacted {@code recommendations} topic keyed
 * by the user id, so the topic keeps the latest list per user.
 *
 * <p>On the wire (see {@link RecommendationCodec}) it is a compact UTF-8 JSON object with the
 * fields in component order:
 *
 * <pre>{@code
 * {"userId":44176,"kind":"PERSONALIZED","modelVersion":"als-20251029-1",
 *  "generatedAt":1761763122410,"ratingTimestamp":1761763121809,
 *  "items":[{"movieId":318,"score":4.91},{"movieId":858,"score":4.87}]}
 * }</pre>
 *
 * <p><b>Invariants</b> (checked here, so every instance holds them): {@code kind}, {@code
 * modelVersion} and {@code items} are non-null, {@code items} is an immutable copy without null
 * elements and with at most {@value #MAX_ITEMS} entries. Everything else may be wrong in an event
 * read from the wire and is judged by {@link RecommendationValidator}: ids within the {@link
 * RatingBounds}, a model version of 1 to {@value #MAX_MODEL_VERSION_LENGTH} characters from {@code
 * [A-Za-z0-9._-]} starting with a letter or digit, both times above 0, every score finite, scores
 * non-increasing along the list (ties allowed) and each movie at most once.
 *
 * <p>The rank of an item is its position in {@code items} (0 is the best). A list may be empty
 * (e.g. a user who has rated every movie the model knows). {@code generatedAt} is not required to
 * be at or after {@code ratingTimestamp}: the two come from different clocks.
 *
 * <p>{@link Serializable}, so Spark can ship it between executors.
 *
 * @param userId the user the list is for (MovieLens ids start at 1)
 * @param kind whether the model knew the user ({@link Kind#PERSONALIZED}) or the list is the
 *     popular fallback ({@link Kind#FALLBACK})
 * @param modelVersion the version of the model that made the list, e.g. {@code "als-20251029-1"}
 * @param generatedAt when the list was made, epoch milliseconds
 * @param ratingTimestamp the timestamp of the rating that triggered the list, epoch milliseconds
 * @param items the ranked movies, best first; at most {@value #MAX_ITEMS}; immutable
 * @serial exclude
 */
public record RecommendationEvent(
    int userId,
    Kind kind,
    String modelVersion,
    long generatedAt,
    long ratingTimestamp,
    List<RecommendedItem> items)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The most items one event may hold. A longer list on the wire is malformed. */
  public static final int MAX_ITEMS = 100;

  /** The longest valid model version, in characters. */
  public static final int MAX_MODEL_VERSION_LENGTH = 64;

  /** Where a recommendation list comes from. */
  public enum Kind {
    /** The model knows the user: the list is ranked by the model's predicted ratings. */
    PERSONALIZED,
    /** The model does not know the user: the list is the popular movies, ranked by popularity. */
    FALLBACK
  }

  /**
   * Checks the invariants and copies the list.
   *
   * @param userId the user the list is for
   * @param kind personalized or fallback
   * @param modelVersion the version of the model that made the list
   * @param generatedAt when the list was made, epoch milliseconds
   * @param ratingTimestamp the timestamp of the triggering rating, epoch milliseconds
   * @param items the ranked movies, best first
   * @throws NullPointerException if {@code kind}, {@code modelVersion}, {@code items} or an item is
   *     null; the message names the item's index
   * @throws IllegalArgumentException if there are more than {@value #MAX_ITEMS} items
   */
  public RecommendationEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(items, "items");
    if (items.size() > MAX_ITEMS) {
      throw new IllegalArgumentException(
          "items holds " + items.size() + " entries, at most " + MAX_ITEMS + " are allowed");
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        throw new NullPointerException("items[" + i + "]");
      }
    }
    items = List.copyOf(items);
  }
}
