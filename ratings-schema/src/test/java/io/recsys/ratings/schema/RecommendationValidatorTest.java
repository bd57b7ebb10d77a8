package io.recsys.ratings.schema;

import static io.recsys.ratings.schema.RecommendationEventTest.descending;
import static io.recsys.ratings.schema.RecommendationEventTest.withItems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.schema.RecommendationEvent.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecommendationValidatorTest {

  private static final RecommendationValidator DEFAULTS = RecommendationValidator.defaults();

  private static RecommendationEvent event(String modelVersion, List<RecommendedItem> items) {
    return new RecommendationEvent(
        7, Kind.PERSONALIZED, modelVersion, 1761763122410L, 1761763121809L, items);
  }

  @Test
  void acceptsAWellFormedEventWithoutAllocatingAResult() {
    RecommendationEvent event = withItems(RecommendationEventTest.TWO_ITEMS);
    assertThat(DEFAULTS.isValid(event)).isTrue();
    assertThat(DEFAULTS.validate(event)).isSameAs(ValidationResult.valid());
  }

  @Test
  void acceptsEmptyListsTiedScoresNegativeScoresAndBothKinds() {
    assertThat(DEFAULTS.isValid(withItems(List.of()))).isTrue();
    assertThat(
            DEFAULTS.isValid(
                event(
                    "v1",
                    List.of(
                        new RecommendedItem(1, 2.0),
                        new RecommendedItem(2, 2.0),
                        new RecommendedItem(3, -0.5),
                        new RecommendedItem(4, -7e300)))))
        .isTrue();
    assertThat(
            DEFAULTS.isValid(
                new RecommendationEvent(
                    1, Kind.FALLBACK, "popular-1", 1, 1, List.of(new RecommendedItem(5, 312)))))
        .isTrue();
    assertThat(DEFAULTS.isValid(withItems(descending(RecommendationEvent.MAX_ITEMS)))).isTrue();
  }

  @Test
  void defaultsAcceptAnyPositiveIdAndBoundsRestrictThem() {
    RecommendationEvent big =
        new RecommendationEvent(
            Integer.MAX_VALUE,
            Kind.PERSONALIZED,
            "v",
            1,
            1,
            List.of(new RecommendedItem(292_757, 1)));
    assertThat(DEFAULTS.isValid(big)).isTrue();
    assertThat(DEFAULTS.bounds())
        .isEqualTo(new RatingBounds(1, Integer.MAX_VALUE, 1, Integer.MAX_VALUE));

    ValidationResult ml20m = RecommendationValidator.of(RatingBounds.ML_20M).validate(big);
    assertThat(ml20m.violations())
        .extracting(Violation::field, Violation::code, Violation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "userId",
                Violation.USER_ID_OUT_OF_RANGE,
                "userId 2147483647 is outside the allowed range 1..138493"),
            org.assertj.core.groups.Tuple.tuple(
                "items[0].movieId",
                Violation.MOVIE_ID_OUT_OF_RANGE,
                "items[0].movieId 292757 is outside the allowed range 1..131262"));
    assertThat(RecommendationValidator.of(RatingBounds.ML_32M).isValid(big)).isFalse();
    assertThat(
            RecommendationValidator.of(RatingBounds.ML_32M)
                .isValid(
                    new RecommendationEvent(
                        200_948, Kind.FALLBACK, "v", 1, 1, List.of(new RecommendedItem(1, 1)))))
        .isTrue();
  }

  @Test
  void listsEveryViolationInRuleOrder() {
    RecommendationEvent bad =
        new RecommendationEvent(
            0,
            Kind.PERSONALIZED,
            "-bad version",
            0,
            -1,
            List.of(
                new RecommendedItem(10, 3.0),
                new RecommendedItem(0, 3.5),
                new RecommendedItem(10, Double.NaN),
                new RecommendedItem(11, Double.POSITIVE_INFINITY),
                new RecommendedItem(12, 1.0),
                new RecommendedItem(13, 1.5)));

    ValidationResult result = DEFAULTS.validate(bad);

    assertThat(result.isValid()).isFalse();
    assertThat(DEFAULTS.isValid(bad)).isFalse();
    assertThat(result.violations())
        .extracting(v -> v.field() + " " + v.code())
        .containsExactly(
            "userId USER_ID_OUT_OF_RANGE",
            "modelVersion MODEL_VERSION_INVALID",
            "generatedAt TIMESTAMP_NOT_POSITIVE",
            "ratingTimestamp TIMESTAMP_NOT_POSITIVE",
            "items[1].movieId MOVIE_ID_OUT_OF_RANGE",
            "items[1].score SCORE_OUT_OF_ORDER",
            "items[2].movieId DUPLICATE_MOVIE_ID",
            "items[2].score SCORE_NOT_FINITE",
            "items[3].score SCORE_NOT_FINITE",
            "items[5].score SCORE_OUT_OF_ORDER");
    assertThat(result.violations())
        .extracting(Violation::message)
        .contains(
            "modelVersion '-bad version' must have 1 to 64 characters from A-Z, a-z, 0-9, '.',"
                + " '_', '-' and start with a letter or digit",
            "ratingTimestamp -1 is outside the allowed range 1..9223372036854775807 (epoch"
                + " milliseconds)",
            "items[1].score 3.5 is above items[0].score 3.0; items are ranked by non-increasing"
                + " score",
            "movie 10 appears at items[0] and items[2]; a list holds each movie once",
            "items[2].score NaN is not a finite number");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1",
        "v",
        "als-20251029-1",
        "als_v2.3",
        "20251029T101500Z",
        "A.b-c_d",
        // 64 characters
        "a123456789012345678901234567890123456789012345678901234567890123"
      })
  void acceptsModelVersionsOfTheAllowedCharactersAndLength(String version) {
    assertThat(RecommendationValidator.isValidModelVersion(version)).isTrue();
    assertThat(DEFAULTS.isValid(event(version, List.of()))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        " v1",
        "v1 ",
        "v1\n",
        "-v1",
        ".v1",
        "_v1",
        "v/1",
        "v:1",
        "vé",
        "v\u0000",
        // 65 characters
        "a1234567890123456789012345678901234567890123456789012345678901234"
      })
  void rejectsBlankLongOrOddModelVersions(String version) {
    assertThat(RecommendationValidator.isValidModelVersion(version)).isFalse();
    assertThat(DEFAULTS.validate(event(version, List.of())).violations())
        .singleElement()
        .extracting(Violation::code)
        .isEqualTo(Violation.MODEL_VERSION_INVALID);
  }

  @Test
  void quotesAnOverlongVersionShortenedAndControlCharactersEscaped() {
    String version = "v\u0001" + "x".repeat(200);
    assertThat(DEFAULTS.validate(event(version, List.of())).violations())
        .singleElement()
        .extracting(Violation::message)
        .asString()
        .startsWith("modelVersion 'v\\u0001xxx")
        .contains("...' (202 characters) must have 1 to 64 characters");
  }

  @Test
  void aNullEventIsOneViolation() {
    assertThat(DEFAULTS.validate(null).violations())
        .singleElement()
        .extracting(Violation::code)
        .isEqualTo("EVENT_NULL");
    assertThat(DEFAULTS.isValid(null)).isFalse();
    assertThat(RecommendationValidator.isValidModelVersion(null)).isFalse();
  }

  @Test
  void refusesNullBoundsAndDescribesItself() {
    assertThatThrownBy(() -> RecommendationValidator.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("bounds");
    assertThat(RecommendationValidator.of(RatingBounds.ML_25M).toString())
        .isEqualTo("RecommendationValidator[" + RatingBounds.ML_25M + "]");
  }

  @Test
  void isValidAgreesWithValidateOnGeneratedEvents() {
    SplittableRandom random = new SplittableRandom(20);
    RecommendationValidator ml20m = RecommendationValidator.of(RatingBounds.ML_20M);
    String[] versions = {"v1", "", "als-7", " x", "x".repeat(65)};
    double[] scores = {5, 4.5, 4.5, 1, -1, Double.NaN, Double.NEGATIVE_INFINITY, 0.0, -0.0};
    int valid = 0;
    for (int i = 0; i < 5_000; i++) {
      List<RecommendedItem> items = new ArrayList<>();
      int n = random.nextInt(0, 12);
      double score = 5;
      for (int k = 0; k < n; k++) {
        score = random.nextInt(8) == 0 ? scores[random.nextInt(scores.length)] : score - 0.1 * k;
        int movie = random.nextInt(6) == 0 ? random.nextInt(-2, 140_000) : 1000 + k;
        items.add(new RecommendedItem(movie, score));
      }
      RecommendationEvent event =
          new RecommendationEvent(
              random.nextInt(10) == 0 ? random.nextInt(-1, 140_000) : 5,
              Kind.values()[random.nextInt(2)],
              versions[random.nextInt(20) == 0 ? random.nextInt(versions.length) : 0],
              random.nextInt(30) == 0 ? 0 : 1,
              random.nextInt(30) == 0 ? -1 : 1,
              items);
      for (RecommendationValidator validator : List.of(DEFAULTS, ml20m)) {
        ValidationResult result = validator.validate(event);
        assertThat(result.isValid()).as("%s", event).isEqualTo(validator.isValid(event));
        valid += result.isValid() ? 1 : 0;
      }
    }
    assertThat(valid).as("valid share of the generated events").isBetween(1_000, 9_000);
  }
}
