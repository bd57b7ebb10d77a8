package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The optional fields of {@link MetricsEvent}, its builder, and the codec's handling of them. */
class MetricsEventTest {

  /** An event as the first version of the format wrote it (before the later optional fields). */
  private static final String OLD_EVENT_JSON =
      "{\"windowStart\":1761763120000,\"windowEnd\":1761763130000,\"source\":\"rating-producer\","
          + "\"count\":98000,\"throughput\":9800.0,\"latencyP50Ms\":3.1,\"latencyP95Ms\":7.9,"
          + "\"latencyP99Ms\":12.4,\"rmse\":0.87,\"coverage\":null}";

  private static MetricsEvent full() {
    return MetricsEvent.builder("spark-recommender", 1_000, 11_000)
        .count(4_200)
        .throughput(420.0)
        .latency(850.5, 1_400.0, 1_900.25)
        .rmse(0.8734)
        .coverage(0.42)
        .meanRating(3.53)
        .invalidCount(7)
        .malformedCount(2)
        .coldCount(31)
        .personalizedShare(0.9375)
        .unpredictedCount(12)
        .batchId(17)
        .modelVersion("als-20251029-1")
        .build();
  }

  @Test
  void oldEventsWithoutTheNewFieldsStillDecode() {
    MetricsEvent event = MetricsCodec.decode(OLD_EVENT_JSON).orElseThrow();

    assertThat(event)
        .isEqualTo(
            new MetricsEvent(
                1761763120000L,
                1761763130000L,
                "rating-producer",
                98_000,
                9800.0,
                3.1,
                7.9,
                12.4,
                OptionalDouble.of(0.87),
                OptionalDouble.empty()));
    assertThat(event.meanRating()).isEmpty();
    assertThat(event.invalidCount()).isEmpty();
    assertThat(event.malformedCount()).isEmpty();
    assertThat(event.rejectedCount()).isEmpty();
    assertThat(event.coldCount()).isEmpty();
    assertThat(event.personalizedShare()).isEmpty();
    assertThat(event.unpredictedCount()).isEmpty();
    assertThat(event.batchId()).isEmpty();
    assertThat(event.modelVersion()).isEmpty();
  }

  @Test
  void anEventWithoutTheNewFieldsIsEncodedExactlyAsBefore() {
    MetricsEvent old = MetricsCodec.decode(OLD_EVENT_JSON).orElseThrow();
    assertThat(MetricsCodec.encodeToString(old)).isEqualTo(OLD_EVENT_JSON);
  }

  @Test
  void writesTheNewFieldsAfterTheOldOnesOnlyWhenPresentAndReadsThemBack() {
    MetricsEvent event = full();
    String json = MetricsCodec.encodeToString(event);

    assertThat(json)
        .isEqualTo(
            "{\"windowStart\":1000,\"windowEnd\":11000,\"source\":\"spark-recommender\","
                + "\"count\":4200,\"throughput\":420.0,\"latencyP50Ms\":850.5,"
                + "\"latencyP95Ms\":1400.0,\"latencyP99Ms\":1900.25,\"rmse\":0.8734,"
                + "\"coverage\":0.42,\"meanRating\":3.53,\"invalidCount\":7,\"malformedCount\":2,"
                + "\"coldCount\":31,\"personalizedShare\":0.9375,\"unpredictedCount\":12,"
                + "\"batchId\":17,\"modelVersion\":\"als-20251029-1\"}");
    assertThat(MetricsCodec.decode(json)).contains(event);
    assertThat(MetricsCodec.decode(MetricsCodec.encode(event))).contains(event);

    MetricsEvent some = MetricsEvent.builder("s", 1, 2).coldCount(0).batchId(3).build();
    assertThat(MetricsCodec.encodeToString(some))
        .endsWith("\"rmse\":null,\"coverage\":null,\"coldCount\":0,\"batchId\":3}");
    assertThat(MetricsCodec.decode(MetricsCodec.encodeToString(some))).contains(some);
  }

  @Test
  void readsNullNewFieldsAsEmptyAndIgnoresUnknownOnes() {
    String json =
        OLD_EVENT_JSON.replace(
            "}",
            ",\"meanRating\":null,\"coldCount\":null,\"modelVersion\":null,"
                + "\"futureField\":{\"a\":[1]}}");
    MetricsEvent event = MetricsCodec.decode(json).orElseThrow();
    assertThat(event.meanRating()).isEmpty();
    assertThat(event.coldCount()).isEmpty();
    assertThat(event.modelVersion()).isEmpty();
  }

  @Test
  void rejectsNewFieldsOfTheWrongTypeOrValueWithoutThrowing() {
    for (String bad :
        new String[] {
          ",\"coldCount\":1.5",
          ",\"coldCount\":-1",
          ",\"coldCount\":\"3\"",
          ",\"invalidCount\":[1]",
          ",\"malformedCount\":{}",
          ",\"meanRating\":-0.5",
          ",\"meanRating\":true",
          ",\"personalizedShare\":1.01",
          ",\"personalizedShare\":-0.1",
          ",\"unpredictedCount\":1e2",
          ",\"batchId\":-3",
          ",\"modelVersion\":7",
          ",\"modelVersion\":\"\"",
          ",\"modelVersion\":\"not a version\"",
          ",\"rmse\":{}"
        }) {
      assertThat(MetricsCodec.decode(OLD_EVENT_JSON.replace("}", bad + "}"))).as(bad).isEmpty();
    }
  }

  @Test
  void theOldConstructorAndFactoriesLeaveTheNewFieldsEmpty() {
    MetricsEvent viaOf = MetricsEvent.of(1, 2, "s", 3, 4, 5, 6, 7);
    MetricsEvent viaBuilder =
        MetricsEvent.builder("s", 1, 2).count(3).throughput(4).latency(5, 6, 7).build();
    assertThat(viaBuilder).isEqualTo(viaOf);
    assertThat(viaOf.withQuality(0.9, 0.1))
        .isEqualTo(viaBuilder.toBuilder().rmse(0.9).coverage(0.1).build());
    assertThat(viaOf.toBuilder().build()).isEqualTo(viaOf);
    assertThat(full().toBuilder().build()).isEqualTo(full());
  }

  @Test
  void nullOptionalsPassedToTheCanonicalConstructorBecomeEmpty() {
    MetricsEvent event =
        new MetricsEvent(
            1, 2, "s", 0, 0, 0, 0, 0, null, null, null, null, null, null, null, null, null, null);
    assertThat(event).isEqualTo(MetricsEvent.of(1, 2, "s", 0, 0, 0, 0, 0));
    assertThat(event.modelVersion()).isEqualTo(Optional.empty());
    assertThat(event.batchId()).isEqualTo(OptionalLong.empty());
  }

  @Test
  void rejectedCountAddsTheCountsThatArePresent() {
    MetricsEvent.Builder b = MetricsEvent.builder("s", 1, 2);
    assertThat(b.build().rejectedCount()).isEmpty();
    assertThat(b.invalidCount(3).build().rejectedCount()).hasValue(3);
    assertThat(b.malformedCount(4).build().rejectedCount()).hasValue(7);
    assertThat(MetricsEvent.builder("s", 1, 2).malformedCount(0).build().rejectedCount())
        .hasValue(0);
  }

  @Test
  void theBuilderChecksEachValueAtOnceNamingItAndTheRange() {
    MetricsEvent.Builder b = MetricsEvent.builder("s", 1, 2);
    assertThatThrownBy(() -> b.coldCount(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("coldCount must be >= 0 but was -1");
    assertThatThrownBy(() -> b.personalizedShare(1.5))
        .hasMessage("personalizedShare must be within 0..1 but was 1.5");
    assertThatThrownBy(() -> b.personalizedShare(Double.NaN))
        .hasMessage("personalizedShare must be within 0..1 but was NaN");
    assertThatThrownBy(() -> b.meanRating(Double.POSITIVE_INFINITY))
        .hasMessage("meanRating must be finite and >= 0 but was Infinity");
    assertThatThrownBy(() -> b.latency(1, -2, 3))
        .hasMessage("latencyP95Ms must be finite and >= 0 but was -2.0");
    assertThatThrownBy(() -> b.modelVersion("two words"))
        .hasMessageStartingWith("modelVersion 'two words' must have 1 to 64 characters");
    assertThatThrownBy(() -> b.modelVersion(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> MetricsEvent.builder("s", 5, 4))
        .hasMessage("windowEnd 4 is before windowStart 5");
    assertThatThrownBy(() -> MetricsEvent.builder(null, 1, 2))
        .isInstanceOf(NullPointerException.class);
    assertThat(b.build()).isEqualTo(MetricsEvent.of(1, 2, "s", 0, 0, 0, 0, 0));
  }

  @Test
  void theCanonicalConstructorChecksTheNewFieldsToo() {
    assertThatThrownBy(
            () ->
                new MetricsEvent(
                    1,
                    2,
                    "s",
                    0,
                    0,
                    0,
                    0,
                    0,
                    null,
                    null,
                    null,
                    OptionalLong.of(-4),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessage("invalidCount must be >= 0 but was -4");
    assertThatThrownBy(
            () ->
                new MetricsEvent(
                    1,
                    2,
                    "s",
                    0,
                    0,
                    0,
                    0,
                    0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Optional.of("")))
        .hasMessageStartingWith("modelVersion '' must have 1 to 64 characters");
  }
}
