package io.recsys.ratings.schema;

import java.util.List;

/**
 * The outcome of {@link RatingValidator#validate(RatingEvent)} or {@link
 * RecommendationValidator#validate(RecommendationEvent)}: every violation found, none if the event
 * is valid.
 *
 * @param violations every broken rule, in field order (for a rating: userId, movieId, rating,
 *     timestamp); immutable
 */
public record ValidationResult(List<Violation> violations) {

  private static final ValidationResult VALID = new ValidationResult(List.of());

  /**
   * Copies the list into an immutable one.
   *
   * @param violations every broken rule
   * @throws NullPointerException if the list or one of its elements is null
   */
  public ValidationResult {
    violations = List.copyOf(violations);
  }

  /**
   * The shared result without violations.
   *
   * @return a valid result
   */
  public static ValidationResult valid() {
    return VALID;
  }

  /**
   * Whether the event broke no rule.
   *
   * @return {@code true} if there are no violations
   */
  public boolean isValid() {
    return violations.isEmpty();
  }
}
