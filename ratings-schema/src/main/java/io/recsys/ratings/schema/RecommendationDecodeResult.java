package io.recsys.ratings.schema;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link RecommendationCodec#decode(byte[])}: exactly one of {@link Valid}, {@link
 * Invalid} (a well-formed event that breaks a rule) or {@link Malformed} (not a recommendation
 * event at all). The same three outcomes as {@link DecodeResult} for ratings, with the same {@link
 * DecodeResult.Kind}, so both can be counted alike.
 */
public sealed interface RecommendationDecodeResult
    permits RecommendationDecodeResult.Valid,
        RecommendationDecodeResult.Invalid,
        RecommendationDecodeResult.Malformed {

  /**
   * Which outcome this is.
   *
   * @return the kind of this result
   */
  DecodeResult.Kind kind();

  /**
   * A decoded event that passed validation.
   *
   * @param event the event
   */
  record Valid(RecommendationEvent event) implements RecommendationDecodeResult {

    /**
     * Checks the event is present.
     *
     * @param event the event
     * @throws NullPointerException if {@code event} is null
     */
    public Valid {
      Objects.requireNonNull(event, "event");
    }

    @Override
    public DecodeResult.Kind kind() {
      return DecodeResult.Kind.VALID;
    }
  }

  /**
   * A decoded event that broke at least one validation rule.
   *
   * @param event the event as decoded
   * @param violations every broken rule, at least one; immutable
   */
  record Invalid(RecommendationEvent event, List<Violation> violations)
      implements RecommendationDecodeResult {

    /**
     * Checks the components and copies the list.
     *
     * @param event the event as decoded
     * @param violations every broken rule, at least one
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code violations} is empty
     */
    public Invalid {
      Objects.requireNonNull(event, "event");
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("an invalid event needs at least one violation");
      }
    }

    @Override
    public DecodeResult.Kind kind() {
      return DecodeResult.Kind.INVALID;
    }
  }

  /**
   * Bytes that are not a recommendation event: null, empty or larger than {@link
   * RecommendationCodec#MAX_BYTES}, not JSON, not an object, a field missing, duplicated or of the
   * wrong type, an unknown {@code kind}, more than {@link RecommendationEvent#MAX_ITEMS} items, a
   * number beyond its Java type.
   *
   * @param reason what was wrong, for logs and dead-letter headers
   */
  record Malformed(String reason) implements RecommendationDecodeResult {

    /**
     * Checks the reason is present.
     *
     * @param reason what was wrong
     * @throws NullPointerException if {@code reason} is null
     */
    public Malformed {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public DecodeResult.Kind kind() {
      return DecodeResult.Kind.MALFORMED;
    }
  }
}
