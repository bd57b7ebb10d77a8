package io.recsys.ratings.schema;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link RatingCodec#decode(byte[])}: exactly one of {@link Valid}, {@link Invalid}
 * (well-formed JSON of an event that breaks a rule) or {@link Malformed} (not a rating event at
 * all).
 */
public sealed interface DecodeResult
    permits DecodeResult.Valid, DecodeResult.Invalid, DecodeResult.Malformed {

  /**
   * Which of the three outcomes a result is, handy for counting and {@code switch}; also the kind
   * of a {@link RecommendationDecodeResult}.
   */
  enum Kind {
    /** A valid event, see {@link Valid}. */
    VALID,
    /** A well-formed event that breaks a validation rule, see {@link Invalid}. */
    INVALID,
    /** Bytes that are not an event of the expected type, see {@link Malformed}. */
    MALFORMED
  }

  /**
   * Which outcome this is.
   *
   * @return the kind of this result
   */
  Kind kind();

  /**
   * A decoded event that passed validation.
   *
   * @param event the event
   */
  record Valid(RatingEvent event) implements DecodeResult {

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
    public Kind kind() {
      return Kind.VALID;
    }
  }

  /**
   * A decoded event that broke at least one validation rule.
   *
   * @param event the event as decoded
   * @param violations every broken rule, at least one; immutable
   */
  record Invalid(RatingEvent event, List<Violation> violations) implements DecodeResult {

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
    public Kind kind() {
      return Kind.INVALID;
    }
  }

  /**
   * Bytes that are not a rating event: not JSON, not an object, a field missing, duplicated or of
   * the wrong type, a number out of range of its Java type.
   *
   * @param reason what was wrong, for logs and dead-letter headers
   */
  record Malformed(String reason) implements DecodeResult {

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
    public Kind kind() {
      return Kind.MALFORMED;
    }
  }
}
