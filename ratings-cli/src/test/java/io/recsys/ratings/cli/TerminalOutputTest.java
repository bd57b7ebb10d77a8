package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalOutputTest {

  @Test
  void tableAlignsColumnsAndRightAlignsNumbers() {
    String table =
        TextTable.render(
            List.of("TOPIC", "COUNT"), List.of(List.of("ratings", "5"), List.of("dlq", "1,234")));

    assertThat(table.lines())
        .containsExactly("TOPIC    COUNT", "-------  -----", "ratings      5", "dlq      1,234");
  }

  @Test
  void barChartScalesToTheLargestCount() {
    Map<Double, Long> counts = new LinkedHashMap<>();
    counts.put(0.5, 0L);
    counts.put(1.0, 10L);
    counts.put(1.5, 40L);

    List<String> lines = BarChart.render(counts).lines().toList();

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith(" 0.5 | ").doesNotContain("#").endsWith("0.0%");
    assertThat(lines.get(1)).contains("#".repeat(10) + " ").doesNotContain("#".repeat(11));
    assertThat(lines.get(2)).contains("#".repeat(BarChart.WIDTH)).endsWith("80.0%");
  }

  @Test
  void jsonWriterEscapesAndRoundTripsThroughJackson() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("text", "quote \" backslash \\ newline \n tab \t");
    value.put("count", 42L);
    value.put("rate", 1.23456);
    value.put("nan", Double.NaN);
    value.put("ok", true);
    value.put("none", null);
    value.put("list", List.of(1, "two"));

    JsonNode node = new ObjectMapper().readTree(Json.write(value));

    assertThat(node.get("text").asText()).isEqualTo("quote \" backslash \\ newline \n tab \t");
    assertThat(node.get("count").asLong()).isEqualTo(42);
    assertThat(node.get("rate").asDouble()).isEqualTo(1.235);
    assertThat(node.get("nan").isNull()).isTrue();
    assertThat(node.get("ok").asBoolean()).isTrue();
    assertThat(node.get("none").isNull()).isTrue();
    assertThat(node.get("list").get(1).asText()).isEqualTo("two");
    assertThat(Json.write(value)).doesNotContain("\n");
  }
}
