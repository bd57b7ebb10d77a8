package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsCodecTest {

  private static final MetricsEvent EVENT =
      MetricsEvent.of(1_000L, 11_000L, "rating-producer", 98_000, 9800.5, 3.25, 7.5, 12.125);

  @Test
  void encodesEveryFieldWithNullForAbsentQuality() {
    assertThat(MetricsCodec.encodeToString(EVENT))
        .isEqualTo(
            "{\"windowStart\":1000,\"windowEnd\":11000,\"source\":\"rating-producer\","
                + "\"count\":98000,\"throughput\":9800.5,\"latencyP50Ms\":3.25,"
                + "\"latencyP95Ms\":7.5,\"latencyP99Ms\":12.125,\"rmse\":null,\"coverage\":null}");
  }

  @Test
  void roundTripsWithoutQuality() {
    assertThat(MetricsCodec.decode(MetricsCodec.encode(EVENT))).contains(EVENT);
  }

  @Test
  void roundTripsWithQuality() {
    MetricsEvent withQuality = EVENT.withQuality(0.8734, 0.42);
    assertThat(MetricsCodec.decode(MetricsCodec.encodeToString(withQuality))).contains(withQuality);
    assertThat(withQuality.rmse()).hasValue(0.8734);
  }

  @Test
  void roundTripsSourceWithQuotesBackslashesAndControlCharacters() {
    MetricsEvent odd = MetricsEvent.of(0, 0, "a\"b\\c\n\u0001é", 0, 0, 0, 0, 0);
    assertThat(MetricsCodec.decode(MetricsCodec.encode(odd))).contains(odd);
  }

  @Test
  void ignoresUnknownFieldsAndWhitespaceAndFieldOrder() {
    String json =
        " { \"extra\" : {\"a\":[1,2,{\"b\":\"}\"}]}, \"latencyP99Ms\":3, \"latencyP95Ms\":2,"
            + " \"latencyP50Ms\":1, \"throughput\":1e3, \"count\":5, \"source\":\"s\","
            + " \"windowEnd\":20, \"windowStart\":10, \"flag\":true } ";
    assertThat(MetricsCodec.decode(json))
        .contains(MetricsEvent.of(10, 20, "s", 5, 1000.0, 1, 2, 3));
  }

  @Test
  void missingOptionalFieldsAreEmpty() {
    String json =
        "{\"windowStart\":1,\"windowEnd\":2,\"source\":\"s\",\"count\":0,\"throughput\":0,"
            + "\"latencyP50Ms\":0,\"latencyP95Ms\":0,\"latencyP99Ms\":0}";
    assertThat(MetricsCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(e -> assertThat(e.rmse()).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "[]",
        "{",
        "{}",
        "not json",
        "{\"windowStart\":1}",
        // count is not an integer
        "{\"windowStart\":1,\"windowEnd\":2,\"source\":\"s\",\"count\":1.5,\"throughput\":0,"
            + "\"latencyP50Ms\":0,\"latencyP95Ms\":0,\"latencyP99Ms\":0}",
        // source is not a string
        "{\"windowStart\":1,\"windowEnd\":2,\"source\":3,\"count\":1,\"throughput\":0,"
            + "\"latencyP50Ms\":0,\"latencyP95Ms\":0,\"latencyP99Ms\":0}",
        // window ends before it starts
        "{\"windowStart\":5,\"windowEnd\":2,\"source\":\"s\",\"count\":1,\"throughput\":0,"
            + "\"latencyP50Ms\":0,\"latencyP95Ms\":0,\"latencyP99Ms\":0}",
        // negative latency
        "{\"windowStart\":1,\"windowEnd\":2,\"source\":\"s\",\"count\":1,\"throughput\":0,"
            + "\"latencyP50Ms\":-1,\"latencyP95Ms\":0,\"latencyP99Ms\":0}",
        // trailing garbage
        "{\"windowStart\":1,\"windowEnd\":2,\"source\":\"s\",\"count\":1,\"throughput\":0,"
            + "\"latencyP50Ms\":0,\"latencyP95Ms\":0,\"latencyP99Ms\":0} x",
        "{\"source\":\"unterminated"
      })
  void decodeReturnsEmptyForBadInputWithoutThrowing(String json) {
    assertThat(MetricsCodec.decode(json)).isEmpty();
  }

  @Test
  void decodeOfNullIsEmpty() {
    assertThat(MetricsCodec.decode((byte[]) null)).isEmpty();
    assertThat(MetricsCodec.decode((String) null)).isEmpty();
  }

  @Test
  void eventRejectsImpossibleValues() {
    assertThatThrownBy(() -> MetricsEvent.of(2, 1, "s", 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("windowEnd 1");
    assertThatThrownBy(() -> MetricsEvent.of(1, 2, "s", -1, 0, 0, 0, 0))
        .hasMessageContaining("count must be >= 0 but was -1");
    assertThatThrownBy(() -> MetricsEvent.of(1, 2, "s", 0, Double.NaN, 0, 0, 0))
        .hasMessageContaining("throughput");
    assertThatThrownBy(() -> MetricsEvent.of(1, 2, null, 0, 0, 0, 0, 0))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void nullOptionalsBecomeEmpty() {
    MetricsEvent e = new MetricsEvent(1, 2, "s", 0, 0, 0, 0, 0, null, OptionalDouble.of(0.5));
    assertThat(e.rmse()).isEmpty();
    assertThat(e.coverage()).hasValue(0.5);
  }
}
