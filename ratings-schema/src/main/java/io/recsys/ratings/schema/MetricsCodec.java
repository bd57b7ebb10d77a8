package io.recsys.ratings.schema;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * JSON encoding of {@link MetricsEvent}s, written by hand (no JSON library needed).
 *
 * <p>{@link #encode(MetricsEvent)} writes the eight required fields, then {@code rmse} and {@code
 * coverage} ({@code null} when absent, as the first version of the format did), then each later
 * optional field ({@code meanRating}, {@code invalidCount}, {@code malformedCount}, {@code
 * coldCount}, {@code personalizedShare}, {@code unpredictedCount}, {@code batchId}, {@code
 * modelVersion}) only when present. So an event without the later fields is encoded exactly as
 * before they existed, and readers that predate them skip them as unknown fields.
 *
 * <p>The decoders never throw: anything that is not a JSON object with the required fields ({@code
 * windowStart}, {@code windowEnd}, {@code source}, {@code count}, {@code throughput}, {@code
 * latencyP50Ms}, {@code latencyP95Ms}, {@code latencyP99Ms}) of the right types and values gives
 * {@link Optional#empty()}; so does an optional field of the wrong type or value. An optional field
 * that is missing or {@code null} is empty. Unknown fields are ignored, so newer writers stay
 * readable. Thread-safe and stateless.
 */
public final class MetricsCodec {

  private MetricsCodec() {}

  /**
   * Encodes an event as compact JSON.
   *
   * @param event the event
   * @return the JSON text
   */
  public static String encodeToString(MetricsEvent event) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"windowStart\":").append(event.windowStart());
    sb.append(",\"windowEnd\":").append(event.windowEnd());
    sb.append(",\"source\":");
    appendString(sb, event.source());
    sb.append(",\"count\":").append(event.count());
    sb.append(",\"throughput\":").append(event.throughput());
    sb.append(",\"latencyP50Ms\":").append(event.latencyP50Ms());
    sb.append(",\"latencyP95Ms\":").append(event.latencyP95Ms());
    sb.append(",\"latencyP99Ms\":").append(event.latencyP99Ms());
    sb.append(",\"rmse\":");
    appendOptional(sb, event.rmse());
    sb.append(",\"coverage\":");
    appendOptional(sb, event.coverage());
    appendIfPresent(sb, "meanRating", event.meanRating());
    appendIfPresent(sb, "invalidCount", event.invalidCount());
    appendIfPresent(sb, "malformedCount", event.malformedCount());
    appendIfPresent(sb, "coldCount", event.coldCount());
    appendIfPresent(sb, "personalizedShare", event.personalizedShare());
    appendIfPresent(sb, "unpredictedCount", event.unpredictedCount());
    appendIfPresent(sb, "batchId", event.batchId());
    if (event.modelVersion().isPresent()) {
      sb.append(",\"modelVersion\":");
      appendString(sb, event.modelVersion().get());
    }
    return sb.append('}').toString();
  }

  /**
   * Encodes an event as compact UTF-8 JSON.
   *
   * @param event the event
   * @return the UTF-8 bytes of the JSON text
   */
  public static byte[] encode(MetricsEvent event) {
    return encodeToString(event).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes UTF-8 JSON bytes; never throws.
   *
   * @param bytes the bytes, may be null
   * @return the event, or empty if the bytes are null or not a valid metrics event
   */
  public static Optional<MetricsEvent> decode(byte[] bytes) {
    if (bytes == null) {
      return Optional.empty();
    }
    return decode(new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * Decodes JSON text; never throws.
   *
   * @param json the text, may be null
   * @return the event, or empty if the text is null or not a valid metrics event
   */
  public static Optional<MetricsEvent> decode(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Parser(json).parseEvent());
    } catch (RuntimeException e) {
      // Malformed JSON, missing fields, wrong types or values the record refuses.
      return Optional.empty();
    }
  }

  private static void appendOptional(StringBuilder sb, OptionalDouble value) {
    if (value.isPresent()) {
      sb.append(value.getAsDouble());
    } else {
      sb.append("null");
    }
  }

  private static void appendIfPresent(StringBuilder sb, String name, OptionalDouble value) {
    if (value.isPresent()) {
      sb.append(",\"").append(name).append("\":").append(value.getAsDouble());
    }
  }

  private static void appendIfPresent(StringBuilder sb, String name, OptionalLong value) {
    if (value.isPresent()) {
      sb.append(",\"").append(name).append("\":").append(value.getAsLong());
    }
  }

  private static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** A small recursive-descent JSON reader for one flat object; throws on any error. */
  private static final class Parser {
    private static final Object NULL = new Object();
    private static final Object CONTAINER = new Object(); // an object or array, skipped
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    MetricsEvent parseEvent() {
      Long windowStart = null;
      Long windowEnd = null;
      String source = null;
      Long count = null;
      Double throughput = null;
      Double p50 = null;
      Double p95 = null;
      Double p99 = null;
      OptionalDouble rmse = OptionalDouble.empty();
      OptionalDouble coverage = OptionalDouble.empty();
      OptionalDouble meanRating = OptionalDouble.empty();
      OptionalLong invalidCount = OptionalLong.empty();
      OptionalLong malformedCount = OptionalLong.empty();
      OptionalLong coldCount = OptionalLong.empty();
      OptionalDouble personalizedShare = OptionalDouble.empty();
      OptionalLong unpredictedCount = OptionalLong.empty();
      OptionalLong batchId = OptionalLong.empty();
      Optional<String> modelVersion = Optional.empty();
      skipWs();
      expect('{');
      skipWs();
      if (peek() == '}') {
        pos++;
      } else {
        while (true) {
          skipWs();
          String name = parseString();
          skipWs();
          expect(':');
          skipWs();
          Object value = parseValue();
          switch (name) {
            case "windowStart" -> windowStart = asLong(name, value);
            case "windowEnd" -> windowEnd = asLong(name, value);
            case "source" -> source = asString(name, value);
            case "count" -> count = asLong(name, value);
            case "throughput" -> throughput = asDouble(name, value);
            case "latencyP50Ms" -> p50 = asDouble(name, value);
            case "latencyP95Ms" -> p95 = asDouble(name, value);
            case "latencyP99Ms" -> p99 = asDouble(name, value);
            case "rmse" -> rmse = asOptional(name, value);
            case "coverage" -> coverage = asOptional(name, value);
            case "meanRating" -> meanRating = asOptional(name, value);
            case "invalidCount" -> invalidCount = asOptionalLong(name, value);
            case "malformedCount" -> malformedCount = asOptionalLong(name, value);
            case "coldCount" -> coldCount = asOptionalLong(name, value);
            case "personalizedShare" -> personalizedShare = asOptional(name, value);
            case "unpredictedCount" -> unpredictedCount = asOptionalLong(name, value);
            case "batchId" -> batchId = asOptionalLong(name, value);
            case "modelVersion" ->
                modelVersion =
                    value == NULL ? Optional.empty() : Optional.of(asString(name, value));
            default -> {
              // unknown field: ignored
            }
          }
          skipWs();
          char c = next();
          if (c == '}') {
            break;
          }
          if (c != ',') {
            throw new IllegalArgumentException("expected ',' or '}' at " + (pos - 1));
          }
        }
      }
      skipWs();
      if (pos != s.length()) {
        throw new IllegalArgumentException("trailing characters at " + pos);
      }
      return new MetricsEvent(
          require("windowStart", windowStart),
          require("windowEnd", windowEnd),
          require("source", source),
          require("count", count),
          require("throughput", throughput),
          require("latencyP50Ms", p50),
          require("latencyP95Ms", p95),
          require("latencyP99Ms", p99),
          rmse,
          coverage,
          meanRating,
          invalidCount,
          malformedCount,
          coldCount,
          personalizedShare,
          unpredictedCount,
          batchId,
          modelVersion);
    }

    private static <T> T require(String name, T value) {
      if (value == null) {
        throw new IllegalArgumentException("missing field " + name);
      }
      return value;
    }

    private static long asLong(String name, Object value) {
      if (value instanceof String text) {
        // numbers are kept as text until here, so that integers stay exact
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
          return Long.parseLong(text);
        }
      }
      throw new IllegalArgumentException(name + " is not an integer");
    }

    private static double asDouble(String name, Object value) {
      if (value instanceof String text) {
        return Double.parseDouble(text);
      }
      throw new IllegalArgumentException(name + " is not a number");
    }

    private static OptionalDouble asOptional(String name, Object value) {
      return value == NULL ? OptionalDouble.empty() : OptionalDouble.of(asDouble(name, value));
    }

    private static OptionalLong asOptionalLong(String name, Object value) {
      return value == NULL ? OptionalLong.empty() : OptionalLong.of(asLong(name, value));
    }

    private static String asString(String name, Object value) {
      if (value instanceof StringValue sv) {
        return sv.text();
      }
      throw new IllegalArgumentException(name + " is not a string");
    }

    /** A JSON string (numbers are returned as plain {@code String}s of their text). */
    private record StringValue(String text) {}

    private Object parseValue() {
      char c = peek();
      if (c == '"') {
        return new StringValue(parseString());
      }
      if (c == '{' || c == '[') {
        skipContainer();
        return CONTAINER;
      }
      if (s.startsWith("null", pos)) {
        pos += 4;
        return NULL;
      }
      if (s.startsWith("true", pos)) {
        pos += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("false", pos)) {
        pos += 5;
        return Boolean.FALSE;
      }
      int start = pos;
      if (c == '-') {
        pos++;
      }
      while (pos < s.length() && "0123456789.eE+-".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      if (pos == start || (pos == start + 1 && c == '-')) {
        throw new IllegalArgumentException("unexpected character at " + start);
      }
      return s.substring(start, pos);
    }

    private void skipContainer() {
      int depth = 0;
      do {
        char c = next();
        if (c == '"') {
          pos--;
          parseString();
        } else if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          depth--;
        }
      } while (depth > 0);
    }

    private String parseString() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          char e = next();
          switch (e) {
            case '"', '\\', '/' -> sb.append(e);
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'u' -> {
              if (pos + 4 > s.length()) {
                throw new IllegalArgumentException("truncated escape");
              }
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
              pos += 4;
            }
            default -> throw new IllegalArgumentException("bad escape at " + (pos - 1));
          }
        } else if (c < 0x20) {
          throw new IllegalArgumentException("control character in string at " + (pos - 1));
        } else {
          sb.append(c);
        }
      }
    }

    private void skipWs() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private char peek() {
      if (pos >= s.length()) {
        throw new IllegalArgumentException("unexpected end of input");
      }
      return s.charAt(pos);
    }

    private char next() {
      char c = peek();
      pos++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + (pos - 1));
      }
    }
  }
}
