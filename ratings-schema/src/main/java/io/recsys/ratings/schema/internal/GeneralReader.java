package io.recsys.ratings.schema.internal;

import static io.recsys.ratings.schema.internal.JsonScanner.scanNumber;
import static io.recsys.ratings.schema.internal.JsonScanner.scanString;
import static io.recsys.ratings.schema.internal.JsonScanner.skipWhitespace;
import static io.recsys.ratings.schema.internal.ReadErrors.errorText;
import static io.recsys.ratings.schema.internal.ReadErrors.malformed;
import static io.recsys.ratings.schema.internal.ReadErrors.snippet;
import static io.recsys.ratings.schema.internal.ReadErrors.truncated;
import static io.recsys.ratings.schema.internal.ReadErrors.typeOf;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;

/**
 * Reads any JSON layout of a rating event: scans each token ({@link JsonScanner}), finds the known
 * fields ({@link FieldNames}), skips unknown ones ({@link ValueSkipper}), then converts numbers
 * ({@link JsonNumbers}). Whatever it rejects gets a message naming the offset and what was found
 * there ({@link ReadErrors}).
 */
final class GeneralReader {

  private GeneralReader() {}

  /**
   * Decodes and validates one event. Expects a valid region of a non-null array.
   *
   * @param b the bytes
   * @param off the first byte to read
   * @param len the number of bytes to read
   * @param validator judges a well-formed event
   * @return the result
   */
  static DecodeResult decode(byte[] b, int off, int len, RatingValidator validator) {
    int end = off + len;
    int p = skipWhitespace(b, off, end);
    if (p == end) {
      return ReadErrors.EMPTY_INPUT;
    }
    if (b[p] != '{') {
      return malformed("expected '{' at offset " + (p - off) + ", found " + snippet(b, p, end));
    }
    int userId = 0;
    int movieId = 0;
    double rating = 0;
    long timestamp = 0;
    int seen = 0;
    p = skipWhitespace(b, p + 1, end);
    if (p < end && b[p] == '}') {
      p++;
    } else {
      while (true) {
        // A member: "name" : value
        if (p >= end) {
          return truncated(off, end);
        }
        if (b[p] != '"') {
          return malformed(
              "expected a field name at offset " + (p - off) + ", found " + snippet(b, p, end));
        }
        int nameEnd = scanString(b, p + 1, end);
        if (nameEnd < 0) {
          return malformed(errorText(nameEnd) + " in a field name at offset " + (p - off));
        }
        int field = FieldNames.fieldOf(b, p + 1, nameEnd);
        p = skipWhitespace(b, nameEnd + 1, end);
        if (p >= end) {
          return truncated(off, end);
        }
        if (b[p] != ':') {
          return malformed("expected ':' at offset " + (p - off) + ", found " + snippet(b, p, end));
        }
        p = skipWhitespace(b, p + 1, end);
        if (p >= end) {
          return truncated(off, end);
        }
        if (field < 0) {
          int valueStart = p;
          p = ValueSkipper.skipValue(b, p, end);
          if (p < 0) {
            return malformed(
                errorText(p) + " in the value of an unknown field at offset " + (valueStart - off));
          }
        } else {
          String name = FieldNames.name(field);
          if ((seen & (1 << field)) != 0) {
            return malformed("duplicate field " + name);
          }
          seen |= 1 << field;
          int numberEnd = scanNumber(b, p, end);
          if (numberEnd < 0) {
            return malformed(
                name + " must be a JSON number, found " + typeOf(b[p]) + " " + snippet(b, p, end));
          }
          if (field == FieldNames.RATING) {
            rating = JsonNumbers.parseDouble(b, p, numberEnd);
          } else {
            long value = JsonNumbers.parseIntegral(b, p, numberEnd);
            if (field == FieldNames.TIMESTAMP) {
              if (value == JsonNumbers.NOT_INTEGRAL) {
                return malformed(
                    "timestamp must be an integer within -9223372036854775807..9223372036854775807,"
                        + " found "
                        + snippet(b, p, numberEnd));
              }
              timestamp = value;
            } else {
              if (value == JsonNumbers.NOT_INTEGRAL
                  || value < Integer.MIN_VALUE
                  || value > Integer.MAX_VALUE) {
                return malformed(
                    name
                        + " must be an integer within -2147483648..2147483647, found "
                        + snippet(b, p, numberEnd));
              }
              if (field == FieldNames.USER_ID) {
                userId = (int) value;
              } else {
                movieId = (int) value;
              }
            }
          }
          p = numberEnd;
        }
        // After a value: ',' and the next member, or '}'.
        p = skipWhitespace(b, p, end);
        if (p >= end) {
          return truncated(off, end);
        }
        if (b[p] == ',') {
          p = skipWhitespace(b, p + 1, end);
        } else if (b[p] == '}') {
          p++;
          break;
        } else {
          return malformed(
              "expected ',' or '}' at offset " + (p - off) + ", found " + snippet(b, p, end));
        }
      }
    }
    p = skipWhitespace(b, p, end);
    if (p != end) {
      return malformed(
          "unexpected data after the object at offset " + (p - off) + ": " + snippet(b, p, end));
    }
    if (seen != FieldNames.ALL_FIELDS) {
      return malformed("missing field(s): " + FieldNames.missing(seen));
    }
    return JsonRatingReader.judge(new RatingEvent(userId, movieId, rating, timestamp), validator);
  }
}
