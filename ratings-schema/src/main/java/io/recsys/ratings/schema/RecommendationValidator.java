package io.recsys.ratings.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a {@link RecommendationEvent} against the rules of the SDK and lists every broken one.
 *
 * <p>Rules, in the order violations are listed:
 *
 * <ul>
 *   <li>{@code userId} lies within the {@link RatingBounds} ({@link
 *       Violation#USER_ID_OUT_OF_RANGE});
 *   <li>{@code modelVersion} has 1 to {@value RecommendationEvent#MAX_MODEL_VERSION_LENGTH}
 *       characters from {@code [A-Za-z0-9._-]} and starts with a letter or digit ({@link
 *       Violation#MODEL_VERSION_INVALID}): a version can appear in file paths, metric keys and logs
 *       as it is;
 *   <li>{@code generatedAt} and {@code ratingTimestamp} are greater than 0 ({@link
 *       Violation#TIMESTAMP_NOT_POSITIVE});
 *   <li>per item, in list order: {@code movieId} lies within the bounds ({@link
 *       Violation#MOVIE_ID_OUT_OF_RANGE}) and appears in no earlier item ({@link
 *       Violation#DUPLICATE_MOVIE_ID}); {@code score} is finite ({@link
 *       Violation#SCORE_NOT_FINITE}) and not above the previous item's finite score ({@link
 *       Violation#SCORE_OUT_OF_ORDER}); the field is named like {@code items[2].score}.
 * </ul>
 *
 * <p>{@link #defaults()} accepts any positive id: recommendations come from a model trained on
 * ratings that were validated already, and a service reading them need not know the data set. Use
 * {@link #of(RatingBounds)} to check a data set's ranges as well.
 *
 * <p>Never throws on bad data. Immutable and thread-safe. A valid event costs no allocation.
 */
public final class RecommendationValidator {

  /** Ids 1..{@value Integer#MAX_VALUE}: any positive user and movie id. */
  private static final RatingBounds POSITIVE_IDS =
      new RatingBounds(1, Integer.MAX_VALUE, 1, Integer.MAX_VALUE);

  private static final RecommendationValidator DEFAULT = new RecommendationValidator(POSITIVE_IDS);

  private final RatingBounds bounds;

  private RecommendationValidator(RatingBounds bounds) {
    this.bounds = bounds;
  }

  /**
   * A validator accepting any positive user and movie id (1..2147483647).
   *
   * @return the shared default validator
   */
  public static RecommendationValidator defaults() {
    return DEFAULT;
  }

  /**
   * A validator with the given id bounds, e.g. {@link RatingBounds#ML_25M}.
   *
   * @param bounds the allowed user and movie id ranges
   * @return a validator using {@code bounds}
   * @throws NullPointerException if {@code bounds} is null
   */
  public static RecommendationValidator of(RatingBounds bounds) {
    return new RecommendationValidator(Objects.requireNonNull(bounds, "bounds"));
  }

  /**
   * The id bounds this validator checks.
   *
   * @return the bounds
   */
  public RatingBounds bounds() {
    return bounds;
  }

  /**
   * Checks every rule.
   *
   * @param event the event to check; {@code null} yields a single violation of field {@code
   *     "event"} with code {@code EVENT_NULL}
   * @return every violation, in the order of the rules above; {@link ValidationResult#valid()} if
   *     none
   */
  public ValidationResult validate(RecommendationEvent event) {
    if (event == null) {
      return new ValidationResult(
          List.of(
              new Violation(
                  "event", "EVENT_NULL", "event is null, expected a RecommendationEvent")));
    }
    if (isValid(event)) {
      return ValidationResult.valid();
    }
    List<Violation> violations = new ArrayList<>();
    int userId = event.userId();
    if (userId < bounds.minUserId() || userId > bounds.maxUserId()) {
      violations.add(
          new Violation(
              "userId",
              Violation.USER_ID_OUT_OF_RANGE,
              "userId "
                  + userId
                  + " is outside the allowed range "
                  + bounds.minUserId()
                  + ".."
                  + bounds.maxUserId()));
    }
    if (!isValidModelVersion(event.modelVersion())) {
      violations.add(
          new Violation(
              "modelVersion",
              Violation.MODEL_VERSION_INVALID,
              "modelVersion "
                  + quote(event.modelVersion())
                  + " must have 1 to "
                  + RecommendationEvent.MAX_MODEL_VERSION_LENGTH
                  + " characters from A-Z, a-z, 0-9, '.', '_', '-' and start with a letter or"
                  + " digit"));
    }
    checkTimestamp(violations, "generatedAt", event.generatedAt());
    checkTimestamp(violations, "ratingTimestamp", event.ratingTimestamp());
    List<RecommendedItem> items = event.items();
    for (int i = 0; i < items.size(); i++) {
      RecommendedItem item = items.get(i);
      int movieId = item.movieId();
      if (movieId < bounds.minMovieId() || movieId > bounds.maxMovieId()) {
        violations.add(
            new Violation(
                "items[" + i + "].movieId",
                Violation.MOVIE_ID_OUT_OF_RANGE,
                "items["
                    + i
                    + "].movieId "
                    + movieId
                    + " is outside the allowed range "
                    + bounds.minMovieId()
                    + ".."
                    + bounds.maxMovieId()));
      }
      int earlier = indexOfMovie(items, movieId, i);
      if (earlier >= 0) {
        violations.add(
            new Violation(
                "items[" + i + "].movieId",
                Violation.DUPLICATE_MOVIE_ID,
                "movie "
                    + movieId
                    + " appears at items["
                    + earlier
                    + "] and items["
                    + i
                    + "]; a list holds each movie once"));
      }
      double score = item.score();
      if (!Double.isFinite(score)) {
        violations.add(
            new Violation(
                "items[" + i + "].score",
                Violation.SCORE_NOT_FINITE,
                "items[" + i + "].score " + score + " is not a finite number"));
      } else if (i > 0 && Double.isFinite(items.get(i - 1).score())) {
        double previous = items.get(i - 1).score();
        if (score > previous) {
          violations.add(
              new Violation(
                  "items[" + i + "].score",
                  Violation.SCORE_OUT_OF_ORDER,
                  "items["
                      + i
                      + "].score "
                      + score
                      + " is above items["
                      + (i - 1)
                      + "].score "
                      + previous
                      + "; items are ranked by non-increasing score"));
        }
      }
    }
    return new ValidationResult(violations);
  }

  /**
   * Whether the event breaks no rule; the allocation-free shortcut of {@link
   * #validate(RecommendationEvent)}.
   *
   * @param event the event to check
   * @return {@code true} if {@code event} is non-null and valid
   */
  public boolean isValid(RecommendationEvent event) {
    if (event == null) {
      return false;
    }
    int userId = event.userId();
    if (userId < bounds.minUserId()
        || userId > bounds.maxUserId()
        || !isValidModelVersion(event.modelVersion())
        || event.generatedAt() <= 0
        || event.ratingTimestamp() <= 0) {
      return false;
    }
    List<RecommendedItem> items = event.items();
    double previous = Double.POSITIVE_INFINITY;
    for (int i = 0; i < items.size(); i++) {
      RecommendedItem item = items.get(i);
      int movieId = item.movieId();
      double score = item.score();
      // NaN fails "score <= previous"; infinities fail isFinite.
      if (movieId < bounds.minMovieId()
          || movieId > bounds.maxMovieId()
          || !Double.isFinite(score)
          || !(score <= previous)
          || indexOfMovie(items, movieId, i) >= 0) {
        return false;
      }
      previous = score;
    }
    return true;
  }

  /**
   * Whether a model version follows the rule: 1 to {@value
   * RecommendationEvent#MAX_MODEL_VERSION_LENGTH} characters from {@code [A-Za-z0-9._-]}, the first
   * a letter or digit.
   *
   * @param modelVersion the version to check, may be null
   * @return {@code true} if it follows the rule
   */
  public static boolean isValidModelVersion(String modelVersion) {
    if (modelVersion == null
        || modelVersion.isEmpty()
        || modelVersion.length() > RecommendationEvent.MAX_MODEL_VERSION_LENGTH
        || !isLetterOrDigit(modelVersion.charAt(0))) {
      return false;
    }
    for (int i = 1; i < modelVersion.length(); i++) {
      char c = modelVersion.charAt(i);
      if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** The index of the first item before {@code before} with this movie, or -1. */
  private static int indexOfMovie(List<RecommendedItem> items, int movieId, int before) {
    for (int j = 0; j < before; j++) {
      if (items.get(j).movieId() == movieId) {
        return j;
      }
    }
    return -1;
  }

  private static void checkTimestamp(List<Violation> violations, String field, long value) {
    if (value <= 0) {
      violations.add(
          new Violation(
              field,
              Violation.TIMESTAMP_NOT_POSITIVE,
              field
                  + " "
                  + value
                  + " is outside the allowed range 1..9223372036854775807 (epoch milliseconds)"));
    }
  }

  /** The version in quotes, at most 80 characters of it, control characters escaped. */
  private static String quote(String s) {
    StringBuilder out = new StringBuilder("'");
    int n = Math.min(s.length(), 80);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (n < s.length()) {
      return out.append("...' (").append(s.length()).append(" characters)").toString();
    }
    return out.append('\'').toString();
  }

  @Override
  public String toString() {
    return "RecommendationValidator[" + bounds + "]";
  }
}
