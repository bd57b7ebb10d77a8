package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RatingValidatorTest {

  private static final RatingValidator VALIDATOR = RatingValidator.defaults();

  private static List<String> codes(RatingEvent event) {
    return VALIDATOR.validate(event).violations().stream().map(Violation::code).toList();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0})
  void acceptsEveryHalfStepFromHalfToFive(double rating) {
    RatingEvent event = new RatingEvent(1, 1, rating, 1);
    assertThat(VALIDATOR.validate(event)).isSameAs(ValidationResult.valid());
    assertThat(VALIDATOR.isValid(event)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "0.0, RATING_OUT_OF_RANGE",
    "5.5, RATING_OUT_OF_RANGE",
    "-0.5, RATING_OUT_OF_RANGE",
    "4.9999999, RATING_NOT_HALF_STEP",
    "3.3, RATING_NOT_HALF_STEP",
    "0.5000001, RATING_NOT_HALF_STEP"
  })
  void rejectsRatingsOutsideTheHalfSteps(double rating, String code) {
    assertThat(codes(new RatingEvent(1, 1, rating, 1))).containsExactly(code);
  }

  @Test
  void rejectsAQuarterAsBothOutOfRangeAndNotAHalfStep() {
    assertThat(codes(new RatingEvent(1, 1, 0.25, 1)))
        .containsExactly(Violation.RATING_OUT_OF_RANGE, Violation.RATING_NOT_HALF_STEP);
    assertThat(codes(new RatingEvent(1, 1, 5.25, 1)))
        .containsExactly(Violation.RATING_OUT_OF_RANGE, Violation.RATING_NOT_HALF_STEP);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void rejectsNonFiniteRatingsWithOneViolation(double rating) {
    RatingEvent event = new RatingEvent(1, 1, rating, 1);
    assertThat(codes(event)).containsExactly(Violation.RATING_NOT_FINITE);
    assertThat(VALIDATOR.isValid(event)).isFalse();
  }

  @Test
  void checksUserIdsAtEachEdgeOfTheBounds() {
    assertThat(VALIDATOR.isValid(new RatingEvent(1, 1, 3, 1))).isTrue();
    assertThat(VALIDATOR.isValid(new RatingEvent(138_493, 1, 3, 1))).isTrue();
    assertThat(codes(new RatingEvent(0, 1, 3, 1))).containsExactly(Violation.USER_ID_OUT_OF_RANGE);
    assertThat(codes(new RatingEvent(138_494, 1, 3, 1)))
        .containsExactly(Violation.USER_ID_OUT_OF_RANGE);
    assertThat(codes(new RatingEvent(Integer.MIN_VALUE, 1, 3, 1)))
        .containsExactly(Violation.USER_ID_OUT_OF_RANGE);
  }

  @Test
  void checksMovieIdsAtEachEdgeOfTheBounds() {
    assertThat(VALIDATOR.isValid(new RatingEvent(1, 131_262, 3, 1))).isTrue();
    assertThat(codes(new RatingEvent(1, 0, 3, 1))).containsExactly(Violation.MOVIE_ID_OUT_OF_RANGE);
    assertThat(codes(new RatingEvent(1, 131_263, 3, 1)))
        .containsExactly(Violation.MOVIE_ID_OUT_OF_RANGE);
    assertThat(codes(new RatingEvent(1, Integer.MAX_VALUE, 3, 1)))
        .containsExactly(Violation.MOVIE_ID_OUT_OF_RANGE);
  }

  @Test
  void requiresAPositiveTimestamp() {
    assertThat(VALIDATOR.isValid(new RatingEvent(1, 1, 3, 1))).isTrue();
    assertThat(VALIDATOR.isValid(new RatingEvent(1, 1, 3, Long.MAX_VALUE))).isTrue();
    assertThat(codes(new RatingEvent(1, 1, 3, 0)))
        .containsExactly(Violation.TIMESTAMP_NOT_POSITIVE);
    assertThat(codes(new RatingEvent(1, 1, 3, Long.MIN_VALUE)))
        .containsExactly(Violation.TIMESTAMP_NOT_POSITIVE);
  }

  @Test
  void listsEveryViolationInFieldOrderWithMessagesNamingValueAndRange() {
    List<Violation> violations =
        VALIDATOR.validate(new RatingEvent(-7, 999_999, Double.NaN, -5)).violations();
    assertThat(violations)
        .extracting(Violation::field)
        .containsExactly("userId", "movieId", "rating", "timestamp");
    assertThat(violations.get(0).message()).contains("-7").contains("1..138493");
    assertThat(violations.get(1).message()).contains("999999").contains("1..131262");
    assertThat(violations.get(2).message()).contains("NaN").contains("0.5..5.0");
    assertThat(violations.get(3).message()).contains("-5").contains("1..");
    assertThat(VALIDATOR.validate(new RatingEvent(1, 1, 3.3, 1)).violations().get(0).message())
        .contains("3.3")
        .contains("0.5");
    assertThat(VALIDATOR.validate(new RatingEvent(1, 1, 7, 1)).violations().get(0).message())
        .contains("7.0")
        .contains("0.5..5.0");
  }

  @Test
  void reportsANullEventInsteadOfThrowing() {
    ValidationResult result = VALIDATOR.validate(null);
    assertThat(result.isValid()).isFalse();
    assertThat(result.violations()).extracting(Violation::field).containsExactly("event");
    assertThat(VALIDATOR.isValid(null)).isFalse();
  }

  @Test
  void usesTheConfiguredBounds() {
    RatingValidator ml25 = RatingValidator.of(RatingBounds.ML_25M);
    assertThat(ml25.bounds()).isEqualTo(RatingBounds.ML_25M);
    assertThat(ml25.isValid(new RatingEvent(162_541, 209_171, 3, 1))).isTrue();
    assertThat(ml25.isValid(new RatingEvent(162_542, 1, 3, 1))).isFalse();
    assertThat(ml25.isValid(new RatingEvent(1, 209_172, 3, 1))).isFalse();
    RatingValidator ml32 = RatingValidator.of(RatingBounds.ML_32M);
    assertThat(ml32.isValid(new RatingEvent(200_948, 292_757, 3, 1))).isTrue();
    assertThat(ml32.isValid(new RatingEvent(200_949, 292_757, 3, 1))).isFalse();
    assertThat(ml32.isValid(new RatingEvent(200_948, 292_758, 3, 1))).isFalse();
    RatingValidator zeroBased = RatingValidator.of(new RatingBounds(0, 10, 0, 10));
    assertThat(zeroBased.isValid(new RatingEvent(0, 0, 3, 1))).isTrue();
    assertThat(zeroBased.validate(new RatingEvent(11, 0, 3, 1)).violations().get(0).message())
        .contains("11")
        .contains("0..10");
  }

  @Test
  void offersTheMovieLensPresets() {
    assertThat(RatingBounds.defaults()).isEqualTo(RatingBounds.ML_20M);
    assertThat(RatingBounds.ML_20M).isEqualTo(new RatingBounds(1, 138_493, 1, 131_262));
    assertThat(RatingBounds.ML_25M).isEqualTo(new RatingBounds(1, 162_541, 1, 209_171));
    assertThat(RatingBounds.ML_32M).isEqualTo(new RatingBounds(1, 200_948, 1, 292_757));
    assertThat(RatingBounds.of(10, 20)).isEqualTo(new RatingBounds(1, 10, 1, 20));
    assertThat(RatingValidator.defaults().bounds()).isEqualTo(RatingBounds.ML_20M);
  }

  @Test
  void rejectsBoundsWhoseMinimumExceedsTheMaximum() {
    assertThatThrownBy(() -> new RatingBounds(5, 4, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5")
        .hasMessageContaining("4");
    assertThatThrownBy(() -> new RatingBounds(1, 1, 9, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minMovieId 9");
    assertThatThrownBy(() -> RatingBounds.of(0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxUserId")
        .hasMessageContaining("got 0");
    assertThatThrownBy(() -> RatingBounds.of(5, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxMovieId");
    assertThatThrownBy(() -> RatingValidator.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void keepsViolationListsImmutable() {
    ValidationResult result = VALIDATOR.validate(new RatingEvent(0, 1, 3, 1));
    assertThatThrownBy(() -> result.violations().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
