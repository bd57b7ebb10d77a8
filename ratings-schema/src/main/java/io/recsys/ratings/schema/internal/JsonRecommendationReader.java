package io.recsys.ratings.schema.internal;

import static io.recsys.ratings.schema.internal.JsonScanner.scanNumber;
import static io.recsys.ratings.schema.internal.JsonScanner.scanString;
import static io.recsys.ratings.schema.internal.JsonScanner.skipWhitespace;
import static io.recsys.ratings.schema.internal.ReadErrors.errorText;
import static io.recsys.ratings.schema.internal.ReadErrors.snippet;

import io.recsys.ratings.schema.RecommendationDecodeResult;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendationValidator;
import io.recsys.ratings.schema.RecommendedItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one recommendation event from JSON bytes, in one left-to-right pass without building a
 * tree, on the same tokens as the rating reader ({@link JsonScanner}, {@link JsonNumbers}, {@link
 * ValueSkipper}).
 *
 * <p>The grammar is RFC 8259 JSON, with the rules of the rating reader: exactly one object,
 * whitespace only between tokens, the known fields each once (a duplicate is malformed) in any
 * order, unknown fields skipped whatever their (well-formed) value, strings of valid UTF-8 with
 * valid escapes, names possibly escaped, integral numbers for ids and times ({@code 42}, {@code
 * 42.0}, {@code 4.2e1}), any number for a score. The same holds inside each item of {@code items}.
 *
 * <p>Work and memory are bounded whatever the input: at most {@value #MAX_BYTES} bytes are read (a
 * longer input is malformed before its first byte is looked at), at most {@link
 * RecommendationEvent#MAX_ITEMS} items are built (the one after them makes the input malformed),
 * and nesting in unknown fields is followed without recursion.
 */
public final class JsonRecommendationReader {

  /** The largest input read; longer inputs are malformed. */
  public static final int MAX_BYTES = 65_536;

  /** Deepest nesting of arrays and objects accepted inside an unknown field's value. */
  public static final int MAX_DEPTH = ValueSkipper.MAX_DEPTH;

  private static final String[] FIELDS = {
    "userId", "kind", "modelVersion", "generatedAt", "ratingTimestamp", "items"
  };
  private static final int USER_ID = 0;
  private static final int KIND = 1;
  private static final int MODEL_VERSION = 2;
  private static final int GENERATED_AT = 3;
  private static final int RATING_TIMESTAMP = 4;
  private static final int ITEMS = 5;
  private static final int ALL_FIELDS = (1 << FIELDS.length) - 1;

  private static final String[] ITEM_FIELDS = {"movieId", "score"};
  private static final int MOVIE_ID = 0;
  private static final int SCORE = 1;
  private static final int ALL_ITEM_FIELDS = (1 << ITEM_FIELDS.length) - 1;

  private static final byte[][] FIELD_BYTES = ascii(FIELDS);
  private static final byte[][] ITEM_FIELD_BYTES = ascii(ITEM_FIELDS);

  private static final RecommendationDecodeResult NULL_INPUT =
      new RecommendationDecodeResult.Malformed("input is null");

  private final byte[] b;
  private final int off;
  private final int end;
  private int p;

  private JsonRecommendationReader(byte[] b, int off, int end) {
    this.b = b;
    this.off = off;
    this.end = end;
  }

  /**
   * Decodes and validates one event. May throw only on a bug; the caller guards against that.
   *
   * @param b the bytes, may be null
   * @param off the first byte to read
   * @param len the number of bytes to read
   * @param validator judges a well-formed event
   * @return the result
   */
  public static RecommendationDecodeResult decode(
      byte[] b, int off, int len, RecommendationValidator validator) {
    if (b == null) {
      return NULL_INPUT;
    }
    if (off < 0 || len < 0 || off > b.length - len) {
      return new RecommendationDecodeResult.Malformed(
          "offset " + off + " and length " + len + " lie outside the array of length " + b.length);
    }
    if (len > MAX_BYTES) {
      return new RecommendationDecodeResult.Malformed(
          "input of "
              + len
              + " bytes is larger than the "
              + MAX_BYTES
              + " bytes a recommendation event may have");
    }
    RecommendationEvent event;
    try {
      event = new JsonRecommendationReader(b, off, off + len).readEvent();
    } catch (Failure f) {
      return new RecommendationDecodeResult.Malformed(f.getMessage());
    }
    if (validator.isValid(event)) {
      return new RecommendationDecodeResult.Valid(event);
    }
    return new RecommendationDecodeResult.Invalid(event, validator.validate(event).violations());
  }

  /** Why the input is malformed; thrown inside the reader only, caught by {@link #decode}. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String reason) {
      super(reason, null, false, false); // control flow within this class: no stack trace
    }
  }

  private RecommendationEvent readEvent() {
    p = skipWhitespace(b, off, end);
    if (p == end) {
      throw new Failure("input is empty or only whitespace");
    }
    if (b[p] != '{') {
      throw new Failure("expected '{' at offset " + (p - off) + ", found " + snippet(b, p, end));
    }
    int userId = 0;
    RecommendationEvent.Kind kind = null;
    String modelVersion = null;
    long generatedAt = 0;
    long ratingTimestamp = 0;
    List<RecommendedItem> items = null;
    int seen = 0;
    p = skipWhitespace(b, p + 1, end);
    if (p < end && b[p] == '}') {
      p++;
    } else {
      do {
        int field = readName(FIELD_BYTES, FIELDS);
        if (field < 0) {
          skipUnknownValue();
        } else {
          if ((seen & (1 << field)) != 0) {
            throw new Failure("duplicate field " + FIELDS[field]);
          }
          seen |= 1 << field;
          switch (field) {
            case USER_ID -> userId = readInt("userId");
            case KIND -> kind = readKind();
            case MODEL_VERSION -> modelVersion = readString("modelVersion");
            case GENERATED_AT -> generatedAt = readLong("generatedAt");
            case RATING_TIMESTAMP -> ratingTimestamp = readLong("ratingTimestamp");
            case ITEMS -> items = readItems();
            default -> throw new IllegalStateException("no field " + field);
          }
        }
      } while (!closesAfterMember('}'));
    }
    p = skipWhitespace(b, p, end);
    if (p != end) {
      throw new Failure(
          "unexpected data after the object at offset " + (p - off) + ": " + snippet(b, p, end));
    }
    if (seen != ALL_FIELDS) {
      throw new Failure("missing field(s): " + missing(FIELDS, seen));
    }
    return new RecommendationEvent(userId, kind, modelVersion, generatedAt, ratingTimestamp, items);
  }

  private List<RecommendedItem> readItems() {
    if (b[p] != '[') {
      throw new Failure(
          "items must be a JSON array, found " + typeOfValue(b[p]) + " " + snippet(b, p, end));
    }
    List<RecommendedItem> items = new ArrayList<>();
    p = skipWhitespace(b, p + 1, end);
    if (p < end && b[p] == ']') {
      p++;
      return items;
    }
    while (true) {
      if (items.size() == RecommendationEvent.MAX_ITEMS) {
        throw new Failure(
            "items holds more than "
                + RecommendationEvent.MAX_ITEMS
                + " entries, the most an event may have");
      }
      items.add(readItem(items.size()));
      p = skipWhitespace(b, p, end);
      requireMore();
      if (b[p] == ',') {
        p = skipWhitespace(b, p + 1, end);
      } else if (b[p] == ']') {
        p++;
        return items;
      } else {
        throw new Failure(
            "expected ',' or ']' at offset " + (p - off) + ", found " + snippet(b, p, end));
      }
    }
  }

  private RecommendedItem readItem(int index) {
    requireMore();
    String where = "items[" + index + "]";
    if (b[p] != '{') {
      throw new Failure(
          where + " must be a JSON object, found " + typeOfValue(b[p]) + " " + snippet(b, p, end));
    }
    int movieId = 0;
    double score = 0;
    int seen = 0;
    p = skipWhitespace(b, p + 1, end);
    if (p < end && b[p] == '}') {
      p++;
    } else {
      do {
        int field = readName(ITEM_FIELD_BYTES, ITEM_FIELDS);
        if (field < 0) {
          skipUnknownValue();
        } else {
          String name = where + "." + ITEM_FIELDS[field];
          if ((seen & (1 << field)) != 0) {
            throw new Failure("duplicate field " + name);
          }
          seen |= 1 << field;
          if (field == MOVIE_ID) {
            movieId = readInt(name);
          } else {
            score = readDouble(name);
          }
        }
      } while (!closesAfterMember('}'));
    }
    if (seen != ALL_ITEM_FIELDS) {
      throw new Failure(where + ": missing field(s): " + missing(ITEM_FIELDS, seen));
    }
    return new RecommendedItem(movieId, score);
  }

  /**
   * Reads {@code "name" :} and the whitespace after it; leaves {@code p} at the value.
   *
   * @return the index of the name in {@code names}, or -1 for an unknown name
   */
  private int readName(byte[][] nameBytes, String[] names) {
    requireMore();
    if (b[p] != '"') {
      throw new Failure(
          "expected a field name at offset " + (p - off) + ", found " + snippet(b, p, end));
    }
    int close = scanString(b, p + 1, end);
    if (close < 0) {
      throw new Failure(errorText(close) + " in a field name at offset " + (p - off));
    }
    int field = fieldOf(nameBytes, names, p + 1, close);
    p = skipWhitespace(b, close + 1, end);
    requireMore();
    if (b[p] != ':') {
      throw new Failure("expected ':' at offset " + (p - off) + ", found " + snippet(b, p, end));
    }
    p = skipWhitespace(b, p + 1, end);
    requireMore();
    return field;
  }

  /**
   * After a member's value: {@code ','} (then {@code p} is at the next name) or the closing bracket
   * (then {@code p} is after it).
   *
   * @return true if the container closed
   */
  private boolean closesAfterMember(char close) {
    p = skipWhitespace(b, p, end);
    requireMore();
    if (b[p] == ',') {
      p = skipWhitespace(b, p + 1, end);
      return false;
    }
    if (b[p] == close) {
      p++;
      return true;
    }
    throw new Failure(
        "expected ',' or '" + close + "' at offset " + (p - off) + ", found " + snippet(b, p, end));
  }

  private void skipUnknownValue() {
    int start = p;
    p = ValueSkipper.skipValue(b, p, end);
    if (p < 0) {
      throw new Failure(
          errorText(p) + " in the value of an unknown field at offset " + (start - off));
    }
  }

  private int readInt(String name) {
    int numberEnd = numberEnd(name);
    long value = JsonNumbers.parseIntegral(b, p, numberEnd);
    if (value == JsonNumbers.NOT_INTEGRAL
        || value < Integer.MIN_VALUE
        || value > Integer.MAX_VALUE) {
      throw new Failure(
          name
              + " must be an integer within -2147483648..2147483647, found "
              + snippet(b, p, numberEnd));
    }
    p = numberEnd;
    return (int) value;
  }

  private long readLong(String name) {
    int numberEnd = numberEnd(name);
    long value = JsonNumbers.parseIntegral(b, p, numberEnd);
    if (value == JsonNumbers.NOT_INTEGRAL) {
      throw new Failure(
          name
              + " must be an integer within -9223372036854775807..9223372036854775807, found "
              + snippet(b, p, numberEnd));
    }
    p = numberEnd;
    return value;
  }

  private double readDouble(String name) {
    int numberEnd = numberEnd(name);
    double value = JsonNumbers.parseDouble(b, p, numberEnd);
    p = numberEnd;
    return value;
  }

  private int numberEnd(String name) {
    int numberEnd = scanNumber(b, p, end);
    if (numberEnd < 0) {
      throw new Failure(
          name
              + " must be a JSON number, found "
              + ReadErrors.typeOf(b[p])
              + " "
              + snippet(b, p, end));
    }
    return numberEnd;
  }

  private RecommendationEvent.Kind readKind() {
    String text = readString("kind");
    for (RecommendationEvent.Kind kind : RecommendationEvent.Kind.values()) {
      if (kind.name().equals(text)) {
        return kind;
      }
    }
    throw new Failure(
        "kind must be \"PERSONALIZED\" or \"FALLBACK\", found \""
            + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
            + "\"");
  }

  private String readString(String name) {
    if (b[p] != '"') {
      throw new Failure(
          name + " must be a JSON string, found " + typeOfValue(b[p]) + " " + snippet(b, p, end));
    }
    int close = scanString(b, p + 1, end);
    if (close < 0) {
      throw new Failure(errorText(close) + " in " + name + " at offset " + (p - off));
    }
    String value = decodeString(p + 1, close);
    p = close + 1;
    return value;
  }

  private void requireMore() {
    if (p >= end) {
      throw new Failure("truncated input: the object is not closed at offset " + (end - off));
    }
  }

  /** The text of an already-scanned (so well-formed) string body {@code [start, close)}. */
  private String decodeString(int start, int close) {
    StringBuilder s = null;
    int run = start;
    int i = start;
    while (i < close) {
      if (b[i] != '\\') {
        i++;
        continue;
      }
      if (s == null) {
        s = new StringBuilder(close - start);
      }
      s.append(new String(b, run, i - run, StandardCharsets.UTF_8));
      byte e = b[i + 1];
      switch (e) {
        case 'u' -> {
          int v = 0;
          for (int k = i + 2; k < i + 6; k++) {
            v = (v << 4) | JsonScanner.hexValue(b[k]);
          }
          s.append((char) v);
          i += 6;
        }
        case 'b' -> {
          s.append('\b');
          i += 2;
        }
        case 'f' -> {
          s.append('\f');
          i += 2;
        }
        case 'n' -> {
          s.append('\n');
          i += 2;
        }
        case 'r' -> {
          s.append('\r');
          i += 2;
        }
        case 't' -> {
          s.append('\t');
          i += 2;
        }
        default -> { // '"', '\\', '/'
          s.append((char) e);
          i += 2;
        }
      }
      run = i;
    }
    if (s == null) {
      return new String(b, start, close - start, StandardCharsets.UTF_8);
    }
    return s.append(new String(b, run, close - run, StandardCharsets.UTF_8)).toString();
  }

  /** The index of the name between {@code [start, close)} among {@code names}, or -1. */
  private int fieldOf(byte[][] nameBytes, String[] names, int start, int close) {
    int n = close - start;
    for (int f = 0; f < nameBytes.length; f++) {
      byte[] name = nameBytes[f];
      if (name.length == n && regionEquals(start, name)) {
        return f;
      }
    }
    for (int i = start; i < close; i++) {
      if (b[i] == '\\') { // rare: a name written with escapes, e.g. "user\u0049d"
        String decoded = decodeString(start, close);
        for (int f = 0; f < names.length; f++) {
          if (names[f].equals(decoded)) {
            return f;
          }
        }
        return -1;
      }
    }
    return -1;
  }

  private boolean regionEquals(int start, byte[] name) {
    for (int i = 0; i < name.length; i++) {
      if (b[start + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  /** What kind of JSON value starts with this byte, for "must be a JSON string, found ...". */
  private static String typeOfValue(byte first) {
    if (first == '-' || JsonScanner.isDigit(first)) {
      return "a number";
    }
    return switch (first) {
      case '"' -> "a string";
      case '{' -> "an object";
      case '[' -> "an array";
      case 't', 'f' -> "a boolean";
      case 'n' -> "null";
      default -> "an invalid value";
    };
  }

  private static String missing(String[] names, int seen) {
    StringBuilder s = new StringBuilder();
    for (int f = 0; f < names.length; f++) {
      if ((seen & (1 << f)) == 0) {
        if (s.length() > 0) {
          s.append(", ");
        }
        s.append(names[f]);
      }
    }
    return s.toString();
  }

  private static byte[][] ascii(String[] names) {
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }
}
