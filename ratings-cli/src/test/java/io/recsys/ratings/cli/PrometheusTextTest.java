package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test-side parser of the Prometheus text format accepts valid expositions only. */
class PrometheusTextTest {

  @Test
  void parsesFamiliesLabelsEscapesAndSpecialValues() {
    String text =
        """
        # HELP requests_total Requests \\\\ served\\nin all.
        # TYPE requests_total counter
        requests_total{path="/a\\"b\\\\c\\nd",code="200",} 3 1700000000000
        requests_total{path="/x",code="500"} 1.5e3
        # TYPE latency_seconds summary
        latency_seconds{quantile="0.5"} NaN
        latency_seconds_count 2
        latency_seconds_sum 0.25
        # TYPE size histogram
        size_bucket{le="1.0"} 1
        size_bucket{le="+Inf"} 2
        size_count 2
        size_sum 3
        temperature -Inf
        """;
    Map<String, PrometheusText.Family> f = PrometheusText.parse(text);
    assertThat(f).containsOnlyKeys("requests_total", "latency_seconds", "size", "temperature");
    PrometheusText.Family requests = f.get("requests_total");
    assertThat(requests.type()).isEqualTo("counter");
    assertThat(requests.help()).isEqualTo("Requests \\ served\nin all.");
    assertThat(requests.samples().get(0).labels()).containsEntry("path", "/a\"b\\c\nd");
    assertThat(requests.samples().get(1).value()).isEqualTo(1500.0);
    assertThat(f.get("latency_seconds").samples()).hasSize(3);
    assertThat(f.get("latency_seconds").samples().get(0).value()).isNaN();
    assertThat(f.get("size").samples().get(1).labels()).containsEntry("le", "+Inf");
    assertThat(f.get("temperature").type()).isEqualTo("untyped");
    assertThat(f.get("temperature").samples().get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void rejectsWhatPrometheusRejects() {
    bad("# TYPE a counter\n# TYPE a counter\na 1\n", "second TYPE");
    bad("a 1\n# TYPE a counter\n", "after its samples");
    bad("a 1\nb 1\na{x=\"1\"} 2\n", "not grouped");
    bad("a 1\na 2\n", "duplicate series");
    assertThatCode(() -> PrometheusText.parse("a{x=\"1\"} 1\n")).doesNotThrowAnyException();
    bad("1a 1\n", "bad metric name");
    bad("a{1x=\"1\"} 1\n", "bad label name");
    bad("a{x=1} 1\n", "not quoted");
    bad("a{x=\"\\t\"} 1\n", "bad escape");
    bad("a{x=\"1\" 1\n", "expected , or }");
    bad("a one\n", "bad value");
    bad("a 1 12.5\n", "bad timestamp");
    bad("a 1", "newline");
    bad("# TYPE h histogram\nh_bucket 1\n", "without le");
    bad("# TYPE s summary\ns 1\n", "without quantile");
    bad("# TYPE t timer\n", "unknown type");
  }

  private static void bad(String text, String message) {
    assertThatThrownBy(() -> PrometheusText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
