package io.recsys.ratings.schema;

import java.util.Objects;

/**
 * One broken rule of a {@link RatingEvent} or a {@link RecommendationEvent}.
 *
 * <p>The code says which rule, the field where: the same code may name different fields, e.g.
 * {@link #TIMESTAMP_NOT_POSITIVE} for a recommendation's {@code generatedAt} or {@code
 * ratingTimestamp}, {@link #MOVIE_ID_OUT_OF_RANGE} for its {@code items[2].movieId}.
 *
 * @param field the event field that broke the rule, e.g. {@code "rating"} or {@code
 *     "items[2].score"}
 * @param code a machine-readable code, one of the constants of this class
 * @param message a human-readable message naming the value and the allowed range
 */
public record Violation(String field, String code, String message) {

  /**
   * The user id lies outside {@link RatingBounds#minUserId()}..{@link RatingBounds#maxUserId()}.
   */
  public static final String USER_ID_OUT_OF_RANGE = "USER_ID_OUT_OF_RANGE";

  /**
   * The movie id lies outside {@link RatingBounds#minMovieId()}..{@link RatingBounds#maxMovieId()}.
   */
  public static final String MOVIE_ID_OUT_OF_RANGE = "MOVIE_ID_OUT_OF_RANGE";

  /** The rating is NaN or infinite. */
  public static final String RATING_NOT_FINITE = "RATING_NOT_FINITE";

  /** The rating lies outside 0.5..5.0. */
  public static final String RATING_OUT_OF_RANGE = "RATING_OUT_OF_RANGE";

  /** The rating is not a multiple of 0.5. */
  public static final String RATING_NOT_HALF_STEP = "RATING_NOT_HALF_STEP";

  /** The timestamp is zero or negative. */
  public static final String TIMESTAMP_NOT_POSITIVE = "TIMESTAMP_NOT_POSITIVE";

  /**
   * A recommendation's model version is empty, longer than {@value
   * RecommendationEvent#MAX_MODEL_VERSION_LENGTH} characters, or has a character outside {@code
   * [A-Za-z0-9._-]} (or does not start with a letter or digit).
   */
  public static final String MODEL_VERSION_INVALID = "MODEL_VERSION_INVALID";

  /** A recommended item's score is NaN or infinite. */
  public static final String SCORE_NOT_FINITE = "SCORE_NOT_FINITE";

  /** A recommended item's score is above the score of the item ranked before it. */
  public static final String SCORE_OUT_OF_ORDER = "SCORE_OUT_OF_ORDER";

  /** A movie appears more than once in one recommendation list. */
  public static final String DUPLICATE_MOVIE_ID = "DUPLICATE_MOVIE_ID";

  /**
   * Checks that no component is null.
   *
   * @param field the field that broke the rule
   * @param code the machine-readable code
   * @param message the human-readable message
   * @throws NullPointerException if a component is null
   */
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
