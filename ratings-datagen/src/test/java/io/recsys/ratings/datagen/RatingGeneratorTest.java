package io.recsys.ratings.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator's distributions against the figures published with the ml-20m data set. */
class RatingGeneratorTest {
  private static final double[] RATINGS = {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0};

  /** ml-20m counts per half star, from the published distribution (sum 20,000,263). */
  private static final long[] ML_20M_COUNTS = {
    239_125, 680_732, 279_252, 1_430_997, 883_398, 4_291_193, 2_200_156, 5_561_926, 1_534_824,
    2_898_660
  };

  private static final int N = 1_000_000;

  @Test
  void ratingsFollowTheMl20mHalfStarDistribution() {
    long[] observed = new long[RATINGS.length];
    RatingGenerator generator = RatingGenerator.of(7);
    for (int i = 0; i < N; i++) {
      observed[(int) Math.round(generator.next().rating() * 2) - 1]++;
    }

    double total = Arrays.stream(ML_20M_COUNTS).sum();
    double chiSquare = 0;
    for (int i = 0; i < RATINGS.length; i++) {
      double expected = N * ML_20M_COUNTS[i] / total;
      chiSquare += Math.pow(observed[i] - expected, 2) / expected;
      assertThat((double) observed[i] / N)
          .as("share of rating %s", RATINGS[i])
          .isCloseTo(ML_20M_COUNTS[i] / total, within(0.002));
    }
    // 9 degrees of freedom: 27.88 is the 0.999 quantile.
    assertThat(chiSquare).as("chi-square against ml-20m").isLessThan(27.88);
  }

  @Test
  void meanRatingIsAbout353AndWholeStarsDominate() {
    List<RatingEvent> events = RatingGenerator.of(11).generate(N);

    double mean = events.stream().mapToDouble(RatingEvent::rating).average().orElseThrow();
    double wholeStars =
        events.stream().filter(e -> e.rating() == Math.rint(e.rating())).count() / (double) N;

    assertThat(mean).isCloseTo(3.53, within(0.01));
    assertThat(wholeStars).isCloseTo(0.74, within(0.01));
  }

  @Test
  void moviePopularityIsLongTailedOverASparseIdSet() {
    RatingGenerator generator = RatingGenerator.of(3);
    Map<Integer, Integer> perMovie = new HashMap<>();
    generator.stream(N).forEach(e -> perMovie.merge(e.movieId(), 1, Integer::sum));

    int[] counts = new int[generator.movieCount()]; // movies never drawn count as 0
    int k = 0;
    for (int c : perMovie.values()) {
      counts[k++] = c;
    }
    Arrays.sort(counts);
    double topShare = counts[counts.length - 1] / (double) N;
    double mean = N / (double) generator.movieCount();
    int median = counts[counts.length / 2];
    int maxId = perMovie.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();

    assertThat(generator.movieCount()).isEqualTo(26_744);
    // ml-20m: the most-rated movie has about 67,000 of 20,000,263 ratings (0.34%).
    assertThat(topShare).isBetween(0.0025, 0.0045);
    // long tail: the median movie gets a tiny fraction of the average (ml-20m: ~18 against ~748)
    assertThat(median / mean).isLessThan(0.1);
    // sparse ids: far fewer distinct movies than the id range, spread over it
    assertThat(perMovie).hasSizeLessThanOrEqualTo(26_744);
    assertThat(maxId).isGreaterThan(120_000).isLessThanOrEqualTo(131_262);
  }

  @Test
  void userActivityIsSkewed() {
    RatingGenerator generator = RatingGenerator.of(5);
    int[] perUser = new int[generator.userCount()];
    generator.stream(N).forEach(e -> perUser[e.userId() - 1]++);

    int[] sorted = perUser.clone();
    Arrays.sort(sorted);
    long topPercent = 0;
    for (int i = sorted.length - sorted.length / 100; i < sorted.length; i++) {
      topPercent += sorted[i];
    }
    double mean = N / (double) sorted.length;

    assertThat(generator.userCount()).isEqualTo(138_493);
    // ml-20m: median user ~68 ratings against a mean of ~144, a few users with thousands
    assertThat(sorted[sorted.length / 2] / mean).isBetween(0.35, 0.7);
    assertThat(sorted[sorted.length - 1] / mean).isGreaterThan(20);
    assertThat(topPercent / (double) N)
        .as("share of the most active 1%% of users")
        .isGreaterThan(0.08);
  }

  @Test
  void timestampsStrictlyIncreaseFromTheStartWithTheMeanGap() {
    List<RatingEvent> events = RatingGenerator.of(1).generate(100_000);

    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).timestamp()).isGreaterThan(events.get(i - 1).timestamp());
    }
    long first = events.get(0).timestamp();
    long last = events.get(events.size() - 1).timestamp();
    assertThat(first).isGreaterThanOrEqualTo(RatingGenerator.DEFAULT_START.toEpochMilli());
    double meanGap = (last - first) / (double) (events.size() - 1);
    assertThat(meanGap).isCloseTo(RatingGenerator.DEFAULT_MEAN_GAP.toMillis(), within(700.0));
  }

  @Test
  void sameSeedGivesTheSameEventsAndPayloads() {
    RatingGenerator.Builder settings =
        RatingGenerator.builder().seed(99).invalidShare(0.1).malformedShare(0.1);

    assertThat(settings.build().generate(10_000)).isEqualTo(settings.build().generate(10_000));
    assertThat(settings.build().payloads(10_000)).isEqualTo(settings.build().payloads(10_000));
    assertThat(RatingGenerator.of(100).generate(100)).isNotEqualTo(settings.build().generate(100));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ML_20M", "ML_25M", "ML_32M", "tiny", "negative", "whole-int-range"})
  void everyEventIsValidWithinTheChosenBounds(String name) {
    RatingBounds bounds =
        switch (name) {
          case "ML_20M" -> RatingBounds.ML_20M;
          case "ML_25M" -> RatingBounds.ML_25M;
          case "ML_32M" -> RatingBounds.ML_32M;
          case "tiny" -> new RatingBounds(10, 12, 100, 105);
          case "negative" -> new RatingBounds(-50, -1, -1000, -900);
          default -> new RatingBounds(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
        };
    RatingValidator validator = RatingValidator.of(bounds);
    RatingGenerator generator = RatingGenerator.builder().seed(2).bounds(bounds).build();

    assertThat(generator.generate(20_000))
        .allSatisfy(e -> assertThat(validator.validate(e).violations()).isEmpty());
  }

  @Test
  void payloadsCarryTheChosenShareOfInvalidAndMalformedRecordsTaggedWithTheirKind() {
    RatingBounds bounds = RatingBounds.of(1_000, 5_000);
    RatingCodec codec = RatingCodec.of(RatingValidator.of(bounds));
    List<RatingGenerator.Payload> payloads =
        RatingGenerator.builder()
            .seed(8)
            .bounds(bounds)
            .invalidShare(0.10)
            .malformedShare(0.05)
            .build()
            .payloads(100_000);

    Map<DecodeResult.Kind, Integer> kinds = new EnumMap<>(DecodeResult.Kind.class);
    Set<String> variants = new HashSet<>();
    for (RatingGenerator.Payload p : payloads) {
      assertThat(codec.decode(p.value()).kind())
          .as("decoded kind of %s", p)
          .isEqualTo(p.expectedKind());
      assertThat(p.key()).isNotNull();
      kinds.merge(p.expectedKind(), 1, Integer::sum);
      variants.add(p.variant());
    }

    assertThat(kinds.get(DecodeResult.Kind.INVALID) / 100_000.0).isCloseTo(0.10, within(0.005));
    assertThat(kinds.get(DecodeResult.Kind.MALFORMED) / 100_000.0).isCloseTo(0.05, within(0.005));
    assertThat(variants)
        .contains(
            "valid",
            "rating above 5.0",
            "rating below 0.5",
            "rating not a multiple of 0.5",
            "userId above maxUserId",
            "movieId above maxMovieId",
            "timestamp not positive",
            "truncated JSON",
            "not JSON",
            "fields missing",
            "rating is a string",
            "empty value",
            "JSON array, not an object",
            "binary garbage");
  }

  @Test
  void validPayloadsAreKeyedByUserIdAndDecodeToTheirEvent() {
    RatingGenerator generator = RatingGenerator.of(4);
    RatingCodec codec = RatingCodec.defaults();

    for (RatingGenerator.Payload p : generator.payloads(1_000)) {
      assertThat(p.expectedKind()).isEqualTo(DecodeResult.Kind.VALID);
      assertThat(new String(p.key(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(Integer.toString(p.event().userId()));
      assertThat(codec.decode(p.value())).isEqualTo(new DecodeResult.Valid(p.event()));
    }
  }

  @Test
  void settingsOutsideTheirRangeAreRejectedWithTheValue() {
    assertThatThrownBy(() -> RatingGenerator.builder().invalidShare(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalidShare must be in 0.0..1.0, got 1.5");
    assertThatThrownBy(() -> RatingGenerator.builder().invalidShare(0.6).malformedShare(0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 1.0, got 1.1");
    assertThatThrownBy(() -> RatingGenerator.builder().meanGap(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 ms..1 day");
    assertThatThrownBy(
            () -> RatingGenerator.builder().bounds(RatingBounds.of(10, 10)).users(11).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("users must be at most the user id range 10, got 11");
    assertThatThrownBy(() -> RatingGenerator.of(1).generate(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n must be at least 0, got -1");
  }

  @Test
  void streamIsLazyAndHasTheRequestedLength() {
    RatingGenerator generator = RatingGenerator.of(6);
    assertThat(generator.stream(5).collect(Collectors.toList())).hasSize(5);
    assertThat(generator.stream(0).count()).isZero();
  }
}
