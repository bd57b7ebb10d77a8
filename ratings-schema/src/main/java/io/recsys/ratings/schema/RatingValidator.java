package io.recsys.ratings.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a {@link RatingEvent} against the rules of the SDK and lists every broken one.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>{@code userId} and {@code movieId} lie within the {@link RatingBounds} (inclusive);
 *   <li>{@code rating} is finite, within 0.5..5.0 and a multiple of 0.5;
 *   <li>{@code timestamp} is greater than 0.
 * </ul>
 *
 * <p>Never throws on bad data. Immutable and thread-safe. A valid event costs no allocation.
 */
public final class RatingValidator {

  /** The smallest valid rating. */
  public static final double MIN_RATING = 0.5;

  /** The largest valid rating. */
  public static final double MAX_RATING = 5.0;

  private static final RatingValidator DEFAULT = new RatingValidator(RatingBounds.defaults());

  private final RatingBounds bounds;

  private RatingValidator(RatingBounds bounds) {
    this.bounds = bounds;
  }

  /**
   * A validator with {@link RatingBounds#defaults()} (MovieLens 20M).
   *
   * @return the shared default validator
   */
  public static RatingValidator defaults() {
    return DEFAULT;
  }

  /**
   * A validator with the given id bounds.
   *
   * @param bounds the allowed id ranges
   * @return a validator using {@code bounds}
   * @throws NullPointerException if {@code bounds} is null
   */
  public static RatingValidator of(RatingBounds bounds) {
    return new RatingValidator(Objects.requireNonNull(bounds, "bounds"));
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
   * @return every violation, in field order; {@link ValidationResult#valid()} if none
   */
  public ValidationResult validate(RatingEvent event) {
    if (event == null) {
      return new ValidationResult(
          List.of(new Violation("event", "EVENT_NULL", "event is null, expected a RatingEvent")));
    }
    if (isValid(event)) {
      return ValidationResult.valid();
    }
    List<Violation> violations = new ArrayList<>(4);
    checkIdRange(
        violations,
        "userId",
        Violation.USER_ID_OUT_OF_RANGE,
        event.userId(),
        bounds.minUserId(),
        bounds.maxUserId());
    checkIdRange(
        violations,
        "movieId",
        Violation.MOVIE_ID_OUT_OF_RANGE,
        event.movieId(),
        bounds.minMovieId(),
        bounds.maxMovieId());
    double rating = event.rating();
    if (!Double.isFinite(rating)) {
      violations.add(
          new Violation(
              "rating",
              Violation.RATING_NOT_FINITE,
              "rating "
                  + rating
                  + " is not a finite number, allowed are 0.5..5.0 in steps of 0.5"));
    } else {
      if (rating < MIN_RATING || rating > MAX_RATING) {
        violations.add(
            new Violation(
                "rating",
                Violation.RATING_OUT_OF_RANGE,
                "rating " + rating + " is outside the allowed range 0.5..5.0"));
      }
      if (!isHalfStep(rating)) {
        violations.add(
            new Violation(
                "rating",
                Violation.RATING_NOT_HALF_STEP,
                "rating " + rating + " is not a multiple of 0.5, allowed are 0.5, 1.0, ..., 5.0"));
      }
    }
    long timestamp = event.timestamp();
    if (timestamp <= 0) {
      violations.add(
          new Violation(
              "timestamp",
              Violation.TIMESTAMP_NOT_POSITIVE,
              "timestamp "
                  + timestamp
                  + " is outside the allowed range 1..9223372036854775807 (epoch milliseconds)"));
    }
    return new ValidationResult(violations);
  }

  /**
   * Whether the event breaks no rule; the allocation-free shortcut of {@link
   * #validate(RatingEvent)}.
   *
   * @param event the event to check
   * @return {@code true} if {@code event} is non-null and valid
   */
  public boolean isValid(RatingEvent event) {
    if (event == null) {
      return false;
    }
    double rating = event.rating();
    // NaN fails both comparisons, so the range check also rejects it; infinities lie out of range.
    return event.userId() >= bounds.minUserId()
        && event.userId() <= bounds.maxUserId()
        && event.movieId() >= bounds.minMovieId()
        && event.movieId() <= bounds.maxMovieId()
        && rating >= MIN_RATING
        && rating <= MAX_RATING
        && isHalfStep(rating)
        && event.timestamp() > 0;
  }

  private static void checkIdRange(
      List<Violation> violations, String field, String code, int id, int min, int max) {
    if (id < min || id > max) {
      violations.add(
          new Violation(
              field, code, field + " " + id + " is outside the allowed range " + min + ".." + max));
    }
  }

  private static boolean isHalfStep(double rating) {
    double doubled = rating * 2;
    return doubled == Math.rint(doubled);
  }

  @Override
  public String toString() {
    return "RatingValidator[" + bounds + "]";
  }
}
