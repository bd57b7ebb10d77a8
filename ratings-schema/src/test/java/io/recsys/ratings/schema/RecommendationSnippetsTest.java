package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The code shown in docs/recommendations.md, compiled and run here. Each region between {@code //
 * tag::NAME[]} and {@code // end::NAME[]} is what the page shows after a {@code <!-- snippet:
 * ...#NAME -->} line; {@code DocSnippetsTest} fails when the two differ.
 */
class RecommendationSnippetsTest {

  private final List<RecommendationEvent> served = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();

  private void serve(RecommendationEvent event) {
    served.add(event);
  }

  private void reject(String why) {
    rejected.add(why);
  }

  @Test
  void codecSnippet() {
    long ratingTimestamp = 1761763121809L;
    long now = 1761763122410L;
    // tag::codec[]
    RecommendationEvent event =
        new RecommendationEvent(
            44176,
            RecommendationEvent.Kind.PERSONALIZED,
            "als-20251029-1", // the model's version
            now, // generatedAt
            ratingTimestamp, // of the rating that triggered the list
            List.of(new RecommendedItem(318, 4.91), new RecommendedItem(858, 4.87)));
    RecommendationCodec codec = RecommendationCodec.defaults(); // any positive id
    byte[] json = codec.encode(event);

    RecommendationDecodeResult result = codec.decode(json); // never throws, whatever the bytes
    if (result instanceof RecommendationDecodeResult.Valid valid) {
      serve(valid.event());
    } else if (result instanceof RecommendationDecodeResult.Invalid invalid) {
      reject(invalid.violations().toString()); // e.g. SCORE_OUT_OF_ORDER
    } else if (result instanceof RecommendationDecodeResult.Malformed malformed) {
      reject(malformed.reason()); // e.g. "items holds more than 100 entries, ..."
    }
    // end::codec[]
    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(RecommendationCodecTest.SAMPLE);
    assertThat(served).containsExactly(event);
    assertThat(rejected).isEmpty();
  }

  @Test
  void validatorSnippet() {
    // tag::validator[]
    RecommendationValidator validator = RecommendationValidator.of(RatingBounds.ML_20M);
    RecommendationEvent event =
        new RecommendationEvent(
            7,
            RecommendationEvent.Kind.FALLBACK,
            "popular 1",
            1761763122410L,
            1761763121809L,
            List.of(new RecommendedItem(296, 310), new RecommendedItem(593, 340)));
    validator
        .validate(event)
        .violations()
        .forEach(v -> System.out.println(v.field() + " " + v.code()));
    // modelVersion MODEL_VERSION_INVALID   (a space is not allowed)
    // items[1].score SCORE_OUT_OF_ORDER    (340 ranked below 310)
    // end::validator[]
    assertThat(validator.validate(event).violations())
        .extracting(v -> v.field() + " " + v.code())
        .containsExactly("modelVersion MODEL_VERSION_INVALID", "items[1].score SCORE_OUT_OF_ORDER");
  }

  @Test
  void metricsSnippet() {
    long windowStart = 1761763120000L;
    long windowEnd = 1761763130000L;
    // tag::metrics[]
    MetricsEvent metrics =
        MetricsEvent.builder("spark-recommender", windowStart, windowEnd)
            .count(4_200) // ratings read in the window
            .throughput(420.0)
            .latency(850.5, 1_400.0, 1_900.25) // rating to recommendation, ms
            .rmse(0.8734) // predicted before learning from each rating
            .unpredictedCount(12) // left out of the RMSE: user or movie unknown
            .coverage(0.42)
            .coldCount(31) // users served the popular fallback
            .personalizedShare(0.9375)
            .invalidCount(7)
            .malformedCount(2)
            .batchId(17)
            .modelVersion("als-20251029-1")
            .build();
    byte[] value = MetricsCodec.encode(metrics); // fields absent from older readers are skipped
    // end::metrics[]
    assertThat(MetricsCodec.decode(value)).contains(metrics);
    assertThat(metrics.rejectedCount()).hasValue(9);
  }
}
