package io.recsys.ratings.spark.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Reads the Kafka source's offset JSON of Spark's progress, {@code {"t":{"0":12,"1":7}}}. */
public final class OffsetsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OffsetsJson() {}

  /**
   * Parses Spark's Kafka offsets.
   *
   * @param json the offsets JSON; null or blank gives an empty map
   * @return the next offset to read, per partition (negative sentinels left out)
   * @throws IllegalArgumentException if the text is not such JSON
   */
  public static Map<TopicPartition, Long> parse(String json) {
    Map<TopicPartition, Long> out = new HashMap<>();
    if (json == null || json.isBlank()) {
      return out;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not Kafka offsets JSON: " + json, e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not Kafka offsets JSON: " + json);
    }
    for (Map.Entry<String, JsonNode> topic : root.properties()) {
      for (Map.Entry<String, JsonNode> p : topic.getValue().properties()) {
        long offset = p.getValue().asLong(-1);
        if (offset >= 0) {
          out.put(new TopicPartition(topic.getKey(), Integer.parseInt(p.getKey())), offset);
        }
      }
    }
    return out;
  }
}
