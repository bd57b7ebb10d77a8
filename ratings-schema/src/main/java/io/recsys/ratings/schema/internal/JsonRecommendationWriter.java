package io.recsys.ratings.schema.internal;

import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendedItem;
import java.util.List;

/**
 * Writes a {@link RecommendationEvent} as compact JSON, fields in component order, items as
 * objects. The output is pure ASCII: numbers in plain decimal (scores as {@link
 * Double#toString(double)} prints them, which may use an exponent, valid JSON that reads back as
 * the same double), the kind as its enum name, the model version with {@code "}, {@code \}, control
 * characters and every non-ASCII character escaped. NaN and infinite scores have no JSON form and
 * are refused.
 */
public final class JsonRecommendationWriter {

  private JsonRecommendationWriter() {}

  /**
   * Encodes the event.
   *
   * @param event the event
   * @return the JSON text, ASCII only
   * @throws IllegalArgumentException if a score is NaN or infinite
   */
  public static String encodeToString(RecommendationEvent event) {
    List<RecommendedItem> items = event.items();
    StringBuilder s = new StringBuilder(160 + 36 * items.size());
    s.append("{\"userId\":").append(event.userId());
    s.append(",\"kind\":\"").append(event.kind().name()).append('"');
    s.append(",\"modelVersion\":");
    appendString(s, event.modelVersion());
    s.append(",\"generatedAt\":").append(event.generatedAt());
    s.append(",\"ratingTimestamp\":").append(event.ratingTimestamp());
    s.append(",\"items\":[");
    for (int i = 0; i < items.size(); i++) {
      RecommendedItem item = items.get(i);
      double score = item.score();
      if (!Double.isFinite(score)) {
        throw new IllegalArgumentException(
            "items["
                + i
                + "].score "
                + score
                + " has no JSON form; validate events before encoding (scores must be finite)");
      }
      if (i > 0) {
        s.append(',');
      }
      s.append("{\"movieId\":").append(item.movieId());
      s.append(",\"score\":").append(score).append('}');
    }
    return s.append("]}").toString();
  }

  private static void appendString(StringBuilder s, String text) {
    s.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20 || c >= 0x7F) {
            s.append("\\u");
            String hex = Integer.toHexString(c);
            s.append("0000", hex.length(), 4).append(hex);
          } else {
            s.append(c);
          }
        }
      }
    }
    s.append('"');
  }
}
