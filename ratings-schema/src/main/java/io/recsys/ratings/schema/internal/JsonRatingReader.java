package io.recsys.ratings.schema.internal;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A small hand-written JSON reader for one rating event.
 *
 * <p>It walks the bytes left to right without building a tree, a String or a boxed number on the
 * way: a valid event costs the {@link RatingEvent} and its {@link DecodeResult.Valid} wrapper. Two
 * paths, which accept exactly the same documents (tests compare them):
 *
 * <ol>
 *   <li>{@code decodeCanonical}: the layout {@link JsonRatingWriter} produces, recognised and
 *       converted in a single pass; it gives up (returns null) at the first byte that differs;
 *   <li>{@link #decodeGeneral}: any JSON; it scans each token, then converts numbers.
 * </ol>
 *
 * <p>The grammar is RFC 8259 JSON:
 *
 * <ul>
 *   <li>whitespace is space, tab, LF and CR only, anywhere between tokens;
 *   <li>the document is exactly one object; anything but whitespace after it is an error;
 *   <li>the four known fields must each appear once (a duplicate is an error, since two readers
 *       could otherwise disagree on which value wins); the order does not matter;
 *   <li>unknown fields are skipped, whatever their value (forward compatibility); their values are
 *       still checked to be well-formed JSON, nested at most {@value #MAX_DEPTH} levels deep,
 *       without recursion, so no input can overflow the stack;
 *   <li>strings must be valid UTF-8 with valid escapes and no raw control characters; field names
 *       may use escapes ({@code "user\u0049d"} is {@code userId});
 *   <li>ids and timestamp must be JSON numbers with an integral value ({@code 42}, {@code 42.0} or
 *       {@code 4.2e1}, as JSON Schema's "integer" type) that fits the Java type; the rating any
 *       JSON number, an integral one ({@code 4}) reads as 4.0. {@code NaN} and {@code Infinity} are
 *       not JSON; a number beyond the double range reads as infinity and fails validation.
 * </ul>
 *
 * <p>Helpers return the next position, or a negative error code ({@code ERR_*}).
 */
public final class JsonRatingReader {

  /** Deepest nesting of arrays and objects accepted inside an unknown field's value. */
  public static final int MAX_DEPTH = 1000;

  private static final int USER_ID = 0;
  private static final int MOVIE_ID = 1;
  private static final int RATING = 2;
  private static final int TIMESTAMP = 3;
  private static final int ALL_FIELDS = 0b1111;
  private static final String[] NAMES = {"userId", "movieId", "rating", "timestamp"};
  private static final byte[][] NAME_BYTES = {
    ascii("userId"), ascii("movieId"), ascii("rating"), ascii("timestamp")
  };

  private static final int ERR_EOF = -1;
  private static final int ERR_CONTROL_CHAR = -2;
  private static final int ERR_ESCAPE = -3;
  private static final int ERR_UTF8 = -4;
  private static final int ERR_SYNTAX = -5;
  private static final int ERR_DEPTH = -6;

  /** Returned by {@link #parseIntegral} when the number is not an integer that fits a long. */
  private static final long NOT_INTEGRAL = Long.MIN_VALUE;

  /** Mantissas of at most 15 digits lie below 2^53, so they are exact doubles. */
  private static final int MAX_FAST_DIGITS = 15;

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private static final DecodeResult NULL_INPUT = new DecodeResult.Malformed("input is null");
  private static final DecodeResult EMPTY_INPUT =
      new DecodeResult.Malformed("input is empty or only whitespace");

  private JsonRatingReader() {}

  /** Does nothing; calling it runs this class's static initialisation, if it has not run yet. */
  public static void initialize() {
    // the call itself is the point
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
  public static DecodeResult decode(byte[] b, int off, int len, RatingValidator validator) {
    if (b == null) {
      return NULL_INPUT;
    }
    if (off < 0 || len < 0 || off > b.length - len) {
      return malformed(
          "offset " + off + " and length " + len + " lie outside the array of length " + b.length);
    }
    DecodeResult canonical = decodeCanonical(b, off, off + len, validator);
    return canonical != null ? canonical : decodeGeneral(b, off, len, validator);
  }

  /**
   * Decodes and validates one event with the canonical fast path only: null where that path gives
   * up (any layout but the writer's, or numbers it leaves to the general reader); exposed so tests
   * can check that the writer's own output takes it. Expects a valid region of a non-null array.
   *
   * @param b the bytes
   * @param off the first byte to read
   * @param len the number of bytes to read
   * @param validator judges a well-formed event
   * @return the result, or null
   */
  public static DecodeResult decodeCanonicalOnly(
      byte[] b, int off, int len, RatingValidator validator) {
    return decodeCanonical(b, off, off + len, validator);
  }

  /**
   * The event whose canonical encoding the region is, if the validator accepts it; else null (any
   * other layout, numbers the fast path leaves to the general reader, or an invalid event). Such an
   * event's {@link JsonRatingWriter#encode} gives back exactly the bytes it was read from. Never
   * throws: a null array or a region outside it gives null.
   *
   * @param b the bytes, may be null
   * @param off the first byte to read
   * @param len the number of bytes to read
   * @param validator judges a well-formed event
   * @return the valid event, or null
   */
  public static RatingEvent decodeCanonicalValid(
      byte[] b, int off, int len, RatingValidator validator) {
    if (b == null || off < 0 || len < 0 || off > b.length - len) {
      return null;
    }
    RatingEvent event = canonicalEvent(b, off, off + len);
    return event != null && validator.isValid(event) ? event : null;
  }

  /**
   * Decodes and validates one event with the general reader only, never the canonical fast path;
   * exposed so tests can check both paths agree. Expects a valid region of a non-null array.
   *
   * @param b the bytes
   * @param off the first byte to read
   * @param len the number of bytes to read
   * @param validator judges a well-formed event
   * @return the result
   */
  public static DecodeResult decodeGeneral(byte[] b, int off, int len, RatingValidator validator) {
    int end = off + len;
    int p = skipWhitespace(b, off, end);
    if (p == end) {
      return EMPTY_INPUT;
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
        int field = fieldOf(b, p + 1, nameEnd);
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
          p = skipValue(b, p, end);
          if (p < 0) {
            return malformed(
                errorText(p) + " in the value of an unknown field at offset " + (valueStart - off));
          }
        } else {
          String name = NAMES[field];
          if ((seen & (1 << field)) != 0) {
            return malformed("duplicate field " + name);
          }
          seen |= 1 << field;
          int numberEnd = scanNumber(b, p, end);
          if (numberEnd < 0) {
            return malformed(
                name + " must be a JSON number, found " + typeOf(b[p]) + " " + snippet(b, p, end));
          }
          if (field == RATING) {
            rating = parseDouble(b, p, numberEnd);
          } else {
            long value = parseIntegral(b, p, numberEnd);
            if (field == TIMESTAMP) {
              if (value == NOT_INTEGRAL) {
                return malformed(
                    "timestamp must be an integer within -9223372036854775807..9223372036854775807,"
                        + " found "
                        + snippet(b, p, numberEnd));
              }
              timestamp = value;
            } else {
              if (value == NOT_INTEGRAL || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                return malformed(
                    name
                        + " must be an integer within -2147483648..2147483647, found "
                        + snippet(b, p, numberEnd));
              }
              if (field == USER_ID) {
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
    if (seen != ALL_FIELDS) {
      return malformed("missing field(s): " + missing(seen));
    }
    RatingEvent event = new RatingEvent(userId, movieId, rating, timestamp);
    if (validator.isValid(event)) {
      return new DecodeResult.Valid(event);
    }
    return new DecodeResult.Invalid(event, validator.validate(event).violations());
  }

  // ---------------------------------------------------------------------------------------------
  // Fast path: exactly what JsonRatingWriter writes for a rating with one digit before the point

  private static final byte[] CANONICAL_USER_ID = ascii("{\"userId\":");
  private static final byte[] CANONICAL_MOVIE_ID = ascii(",\"movieId\":");
  private static final byte[] CANONICAL_RATING = ascii(",\"rating\":");
  private static final byte[] CANONICAL_TIMESTAMP = ascii(",\"timestamp\":");

  /**
   * Reads the canonical form {@code {"userId":D,"movieId":D,"rating":d.d,"timestamp":D}} (no
   * whitespace, fields in wire order, plain non-negative integers without leading zeros, a rating
   * of one digit, a point and one digit) in a single pass. Anything else, even valid JSON, returns
   * null and goes to the general reader, so both accept exactly the same documents.
   */
  private static DecodeResult decodeCanonical(byte[] b, int p, int end, RatingValidator validator) {
    RatingEvent event = canonicalEvent(b, p, end);
    if (event == null) {
      return null;
    }
    if (validator.isValid(event)) {
      return new DecodeResult.Valid(event);
    }
    return new DecodeResult.Invalid(event, validator.validate(event).violations());
  }

  /** The canonical form's event, not validated, or null where the fast path gives up. */
  private static RatingEvent canonicalEvent(byte[] b, int p, int end) {
    int length = end - p;
    if (length >= THIRTEEN_DIGIT_MIN_LENGTH && length <= THIRTEEN_DIGIT_MAX_LENGTH) {
      RatingEvent event = thirteenDigitEvent(b, p, end);
      if (event != null) {
        return event;
      }
    }
    return anyTimestampEvent(b, p, end);
  }

  /**
   * The canonical form's event with a 13-digit timestamp (every millisecond from September 2001 to
   * 2286), each id of 1..7 digits, or null for anything else, not validated; exposed so tests can
   * check that the writer's own output takes this path. Expects a valid region of a non-null array.
   *
   * @param b the bytes
   * @param off the first byte to read
   * @param len the number of bytes to read
   * @return the event, or null
   */
  public static RatingEvent thirteenDigitEventOnly(byte[] b, int off, int len) {
    return len >= THIRTEEN_DIGIT_MIN_LENGTH && len <= THIRTEEN_DIGIT_MAX_LENGTH
        ? thirteenDigitEvent(b, off, off + len)
        : null;
  }

  // {"userId":U,"movieId":M,"rating":d.d,"timestamp":TTTTTTTTTTTTT}: 61 bytes and the ids' digits
  private static final int THIRTEEN_DIGIT_FIXED_BYTES = 61;
  private static final int THIRTEEN_DIGIT_MIN_LENGTH = THIRTEEN_DIGIT_FIXED_BYTES + 2;
  private static final int THIRTEEN_DIGIT_MAX_LENGTH = THIRTEEN_DIGIT_FIXED_BYTES + 14;

  /**
   * With a 13-digit timestamp the last 48 bytes sit at fixed distances from the end: {@code
   * M,"rating":d.d,"timestamp":TTTTTTTTTTTTT}, the movie id's digits ending the first word. So
   * every word is read at a fixed offset from the start or the end, and the three numbers convert
   * side by side, none waiting for the length of another (the general layout finds each field after
   * the previous one's digits, a chain of dependent loads). Only the movie id's name sits at an
   * offset that depends on the user id's length, and it is only compared.
   */
  private static RatingEvent thirteenDigitEvent(byte[] b, int p, int end) {
    long userWord = (long) LONG_LE.get(b, p + 10); // the user id's digits, then a comma
    long movieWord = (long) LONG_LE.get(b, end - 48); // ..:MMM, the digits in the high bytes
    long ratingName = (long) LONG_LE.get(b, end - 40); // ,"rating
    long ratingWord = (long) LONG_LE.get(b, end - 32); // ":d.d,"t
    long timestampName = (long) LONG_LE.get(b, end - 24); // imestamp
    long timestampHigh = (long) LONG_LE.get(b, end - 16); // ": and the first 6 digits
    long timestampLow = (long) LONG_LE.get(b, end - 8); // the last 7 digits and }
    int userDigits = idDigits(userWord);
    // the movie id: the digits above the highest non-digit byte (exact per byte, no carries)
    int movieDigits = Long.numberOfLeadingZeros(exactNonDigitBytes(movieWord)) >>> 3;
    long mismatch =
        ((long) LONG_LE.get(b, p) ^ USER_ID_8)
            | ((long) LONG_LE.get(b, p + 2) ^ USER_ID_8B)
            | (ratingName ^ RATING_8)
            | ((ratingWord & TAIL_RATING_FIXED) ^ TAIL_RATING_WORD)
            | (exactNonDigitBytes(ratingWord) & TAIL_RATING_DIGITS)
            | (timestampName ^ IMESTAMP_8)
            | ((timestampHigh & 0xFFFF) ^ QUOTE_COLON)
            | (exactNonDigitBytes(timestampHigh) & TIMESTAMP_HIGH_DIGITS)
            | ((timestampLow >>> 56) ^ '}')
            | (exactNonDigitBytes(timestampLow) & TIMESTAMP_LOW_DIGITS);
    if (mismatch != 0
        || userDigits < 0
        || movieDigits == 0
        || movieDigits == 8
        || userDigits + movieDigits != end - p - THIRTEEN_DIGIT_FIXED_BYTES
        || (movieDigits > 1 && ((movieWord >>> ((8 - movieDigits) << 3)) & 0xFF) == '0')
        || ((timestampHigh >>> 16) & 0xFF) == '0') {
      return null;
    }
    int q = p + 10 + userDigits; // the comma before "movieId", which the lengths place exactly
    if ((((long) LONG_LE.get(b, q) ^ MOVIE_ID_8) | ((long) LONG_LE.get(b, q + 3) ^ MOVIE_ID_8B))
        != 0) {
      return null;
    }
    int userId = (int) combineDigits(userWord << ((8 - userDigits) << 3));
    int movieId = (int) combineDigits(movieWord & (-1L << ((8 - movieDigits) << 3)));
    long timestamp =
        combineDigits(timestampHigh & TIMESTAMP_HIGH_DIGITS) * 10_000_000L
            + combineDigits(timestampLow << 8);
    // Tenths as an exact integer, one correctly rounded division: the nearest double.
    double rating = (((ratingWord >>> 16) & 0xF) * 10 + ((ratingWord >>> 32) & 0xF)) / 10.0;
    return new RatingEvent(userId, movieId, rating, timestamp);
  }

  /** The canonical form's event, any timestamp length, not validated, or null. */
  private static RatingEvent anyTimestampEvent(byte[] b, int p, int end) {
    // The shortest canonical document: {"userId":1,"movieId":1,"rating":1.0,"timestamp":1}.
    // Each step reads whole words, collects every mismatch of a fixed part into one value and
    // branches once; it never reads past end (the length checks come before the loads).
    if (end - p < 51) {
      return null;
    }
    long userWord = (long) LONG_LE.get(b, p + 10);
    int userDigits = idDigits(userWord);
    long mismatch =
        ((long) LONG_LE.get(b, p) ^ USER_ID_8) | ((long) LONG_LE.get(b, p + 2) ^ USER_ID_8B);
    int q = p + 10 + userDigits; // the comma before "movieId"
    // after the user id at least ,"movieId":D,"rating":d.d,"timestamp":D} (40 bytes)
    if (mismatch != 0 || userDigits < 0 || end - q < 40) {
      return null;
    }
    long movieWord = (long) LONG_LE.get(b, q + 11);
    int movieDigits = idDigits(movieWord);
    mismatch =
        ((long) LONG_LE.get(b, q) ^ MOVIE_ID_8) | ((long) LONG_LE.get(b, q + 3) ^ MOVIE_ID_8B);
    q += 11 + movieDigits; // the comma before "rating"
    // after the movie id at least ,"rating":d.d,"timestamp":D} (28 bytes)
    if (mismatch != 0 || movieDigits < 0 || end - q < 28) {
      return null;
    }
    // ,"rating": then one word with the rating (digit, point, digit) and the start of the
    // timestamp's name, then the rest of that name: d.d,"timestamp":
    long ratingWord = (long) LONG_LE.get(b, q + 10);
    mismatch =
        ((long) LONG_LE.get(b, q) ^ RATING_8)
            | ((long) LONG_LE.get(b, q + 2) ^ RATING_8B)
            | ((ratingWord & RATING_WORD_FIXED) ^ RATING_WORD)
            | (nonDigitBytes(ratingWord) & RATING_WORD_DIGITS)
            | ((long) LONG_LE.get(b, q + 18) ^ TIMESTAMP_TAIL_8);
    p = q + 26;
    // timestamp: 1..16 digits without a leading zero (longer ones go to the general reader), then
    // the closing brace as the last byte
    int digits = end - 1 - p;
    if (mismatch != 0
        || digits < 1
        || digits > 16
        || b[end - 1] != '}'
        || (digits > 1 && b[p] == '0')) {
      return null;
    }
    long timestamp;
    if (digits <= 8) {
      timestamp = digits(b, p, digits);
    } else {
      long high = digits(b, p, digits - 8);
      long low = digits(b, p + digits - 8, 8);
      timestamp = (high | low) < 0 ? -1 : high * 100_000_000L + low;
    }
    if (timestamp < 0) {
      return null;
    }
    int userId = (int) combineDigits(userWord << ((8 - userDigits) << 3));
    int movieId = (int) combineDigits(movieWord << ((8 - movieDigits) << 3));
    // Tenths as an exact integer, one correctly rounded division: the nearest double.
    double rating = ((ratingWord & 0xF) * 10 + ((ratingWord >>> 16) & 0xF)) / 10.0;
    return new RatingEvent(userId, movieId, rating, timestamp);
  }

  // The canonical field names compared a machine word at a time (little-endian views of the bytes;
  // a name of 9-16 bytes as two overlapping words).
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long USER_ID_8 = (long) LONG_LE.get(CANONICAL_USER_ID, 0);
  private static final long USER_ID_8B = (long) LONG_LE.get(CANONICAL_USER_ID, 2);
  private static final long MOVIE_ID_8 = (long) LONG_LE.get(CANONICAL_MOVIE_ID, 0);
  private static final long MOVIE_ID_8B = (long) LONG_LE.get(CANONICAL_MOVIE_ID, 3);
  private static final long RATING_8 = (long) LONG_LE.get(CANONICAL_RATING, 0);
  private static final long RATING_8B = (long) LONG_LE.get(CANONICAL_RATING, 2);

  /** {@code d.d,"tim}: the point and the name's first bytes; the digits are masked out. */
  private static final long RATING_WORD_FIXED = 0xFFFF_FFFF_FF00_FF00L;

  private static final long RATING_WORD_DIGITS = 0x0000_0000_00FF_00FFL;
  private static final long RATING_WORD =
      ((long) '.' << 8) | ((long) LONG_LE.get(CANONICAL_TIMESTAMP, 0) << 24);

  /** {@code ":d.d,"t}: the rating between its name and the timestamp's; the digits masked out. */
  private static final long TAIL_RATING_FIXED = 0xFFFF_FF00_FF00_FFFFL;

  private static final long TAIL_RATING_DIGITS = 0x0000_00FF_00FF_0000L;
  private static final long TAIL_RATING_WORD =
      (long) LONG_LE.get(ascii("\":0.0,\"t"), 0) & TAIL_RATING_FIXED;

  /** {@code imestamp}: bytes 3..10 of {@code ,"timestamp":}. */
  private static final long IMESTAMP_8 = (long) LONG_LE.get(CANONICAL_TIMESTAMP, 3);

  private static final long QUOTE_COLON = '"' | (':' << 8);

  /** {@code ":} and the timestamp's first 6 digits: the digits are the high 6 bytes. */
  private static final long TIMESTAMP_HIGH_DIGITS = 0xFFFF_FFFF_FFFF_0000L;

  /** The timestamp's last 7 digits and the closing brace: the digits are the low 7 bytes. */
  private static final long TIMESTAMP_LOW_DIGITS = 0x00FF_FFFF_FFFF_FFFFL;

  /** {@code estamp":}: the last 8 bytes of {@code ,"timestamp":}. */
  private static final long TIMESTAMP_TAIL_8 = (long) LONG_LE.get(CANONICAL_TIMESTAMP, 5);

  /**
   * The number of digits (1..7) an id starts with in the word read at its first byte, if they are
   * followed by a non-digit and have no leading zero (a lone "0" is fine); longer ids go to the
   * general reader.
   *
   * @return the number of digits, or -1 if there are none, more than 7 or a leading zero
   */
  private static int idDigits(long word) {
    // the digits are the low bytes, up to the first non-digit (little-endian); none: 8+ digits
    int digits = Long.numberOfTrailingZeros(nonDigitBytes(word)) >>> 3;
    return digits == 0 || digits == 8 || (digits > 1 && (word & 0xFF) == '0') ? -1 : digits;
  }

  private static final long ZEROS = 0x3030303030303030L;
  private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
  private static final long LOW_NIBBLES = 0x0F0F0F0F0F0F0F0FL;

  /**
   * Marks the bytes of a little-endian word that are not ASCII digits: each such byte of the result
   * is non-zero, each digit byte zero. A byte of 0xFA or more may also mark the byte after it,
   * which is harmless: only the first marked byte is ever used, and that one is right.
   */
  private static long nonDigitBytes(long word) {
    return ((word & HIGH_NIBBLES) ^ ZEROS)
        | (((word + 0x0606060606060606L) & HIGH_NIBBLES) ^ ZEROS);
  }

  /**
   * Marks the bytes of a little-endian word that are not ASCII digits, exactly: each such byte of
   * the result is non-zero, each digit byte zero, whatever its neighbours (unlike {@link
   * #nonDigitBytes}, no carry crosses a byte), so the marks can be counted from either end.
   */
  private static long exactNonDigitBytes(long word) {
    return ((word & HIGH_NIBBLES) ^ ZEROS)
        | (((word & LOW_NIBBLES) + 0x0606060606060606L) & 0x1010101010101010L);
  }

  /**
   * The value of the {@code k} (1..8) ASCII digits at {@code b[s..s+k)}, or -1 if one is not a
   * digit; reads the word ending at {@code s + k}, so needs {@code s + k >= 8}. Digits are combined
   * in pairs, fours and eights with three multiplications (the bytes before {@code s} count as
   * leading zeros).
   */
  private static long digits(byte[] b, int s, int k) {
    long word = (long) LONG_LE.get(b, s + k - 8);
    long mine = -1L << ((8 - k) << 3); // the high k bytes, the ones at b[s..s+k)
    if ((nonDigitBytes(word) & mine) != 0) {
      return -1;
    }
    return combineDigits(word & mine);
  }

  /**
   * The value of the ASCII digits in the high bytes of a little-endian word whose other (low) bytes
   * are zero, which count as leading zeros: pairs, fours and eights with three multiplications.
   */
  private static long combineDigits(long word) {
    long v = word & LOW_NIBBLES;
    v = (v * 10 + (v >>> 8)) & 0x00FF00FF00FF00FFL;
    v = (v * 100 + (v >>> 16)) & 0x0000FFFF0000FFFFL;
    return (v * 10000 + (v >>> 32)) & 0xFFFFFFFFL;
  }

  // ---------------------------------------------------------------------------------------------
  // Tokens

  private static int skipWhitespace(byte[] b, int p, int end) {
    while (p < end) {
      byte c = b[p];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        break;
      }
      p++;
    }
    return p;
  }

  /**
   * Scans a string body starting after the opening quote.
   *
   * @return the index of the closing quote, or an error code
   */
  private static int scanString(byte[] b, int p, int end) {
    while (p < end) {
      int c = b[p];
      if (c == '"') {
        return p;
      }
      if (c == '\\') {
        if (p + 1 >= end) {
          return ERR_EOF;
        }
        switch (b[p + 1]) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> p += 2;
          case 'u' -> {
            if (p + 6 > end) {
              return ERR_EOF;
            }
            for (int i = p + 2; i < p + 6; i++) {
              if (hexValue(b[i]) < 0) {
                return ERR_ESCAPE;
              }
            }
            p += 6;
          }
          default -> {
            return ERR_ESCAPE;
          }
        }
      } else if (c >= 0 && c < 0x20) {
        return ERR_CONTROL_CHAR;
      } else if (c < 0) {
        int n = utf8SequenceLength(b, p, end);
        if (n < 0) {
          return n;
        }
        p += n;
      } else {
        p++;
      }
    }
    return ERR_EOF;
  }

  /**
   * Checks one multi-byte UTF-8 sequence (Unicode table 3-7: no overlong forms, no surrogates,
   * nothing above U+10FFFF).
   *
   * @return its length in bytes, or an error code
   */
  private static int utf8SequenceLength(byte[] b, int p, int end) {
    int b0 = b[p] & 0xFF;
    int length;
    int lo = 0x80;
    int hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      if (b0 == 0xE0) {
        lo = 0xA0;
      } else if (b0 == 0xED) {
        hi = 0x9F;
      }
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      if (b0 == 0xF0) {
        lo = 0x90;
      } else if (b0 == 0xF4) {
        hi = 0x8F;
      }
    } else {
      return ERR_UTF8;
    }
    if (p + length > end) {
      return ERR_UTF8;
    }
    int b1 = b[p + 1] & 0xFF;
    if (b1 < lo || b1 > hi) {
      return ERR_UTF8;
    }
    for (int i = p + 2; i < p + length; i++) {
      int bi = b[i] & 0xFF;
      if (bi < 0x80 || bi > 0xBF) {
        return ERR_UTF8;
      }
    }
    return length;
  }

  private static int hexValue(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * Scans a JSON number: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}.
   *
   * @return the index after it, or an error code
   */
  private static int scanNumber(byte[] b, int p, int end) {
    if (p < end && b[p] == '-') {
      p++;
    }
    if (p >= end || !isDigit(b[p])) {
      return ERR_SYNTAX;
    }
    if (b[p] == '0') {
      p++;
    } else {
      p = skipDigits(b, p, end);
    }
    if (p < end && b[p] == '.') {
      p++;
      if (p >= end || !isDigit(b[p])) {
        return ERR_SYNTAX;
      }
      p = skipDigits(b, p, end);
    }
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < end && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      if (p >= end || !isDigit(b[p])) {
        return ERR_SYNTAX;
      }
      p = skipDigits(b, p, end);
    }
    return p;
  }

  private static int skipDigits(byte[] b, int p, int end) {
    while (p < end && isDigit(b[p])) {
      p++;
    }
    return p;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static int skipLiteral(byte[] b, int p, int end, String literal) {
    int n = literal.length();
    if (p + n > end) {
      return ERR_EOF;
    }
    for (int i = 0; i < n; i++) {
      if (b[p + i] != literal.charAt(i)) {
        return ERR_SYNTAX;
      }
    }
    return p + n;
  }

  // ---------------------------------------------------------------------------------------------
  // Field names

  /** The known field a name (between its quotes) denotes, or -1. */
  private static int fieldOf(byte[] b, int start, int end) {
    int n = end - start;
    for (int f = 0; f < NAME_BYTES.length; f++) {
      byte[] name = NAME_BYTES[f];
      if (name.length == n && regionEquals(b, start, name)) {
        return f;
      }
    }
    // Rare: a name written with escapes, e.g. "user\u0049d". Decode it and compare again.
    for (int i = start; i < end; i++) {
      if (b[i] == '\\') {
        return fieldOfEscaped(b, start, end);
      }
    }
    return -1;
  }

  private static boolean regionEquals(byte[] b, int start, byte[] name) {
    for (int i = 0; i < name.length; i++) {
      if (b[start + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  /** Decodes an already-scanned (so well-formed) name with escapes. */
  private static int fieldOfEscaped(byte[] b, int start, int end) {
    StringBuilder name = new StringBuilder(end - start);
    int p = start;
    while (p < end) {
      byte c = b[p];
      if (c < 0) {
        return -1; // a non-ASCII character: no known name has one
      }
      if (c != '\\') {
        name.append((char) c);
        p++;
        continue;
      }
      byte e = b[p + 1];
      switch (e) {
        case 'u' -> {
          int v = 0;
          for (int i = p + 2; i < p + 6; i++) {
            v = (v << 4) | hexValue(b[i]);
          }
          name.append((char) v);
          p += 6;
        }
        case 'b' -> {
          name.append('\b');
          p += 2;
        }
        case 'f' -> {
          name.append('\f');
          p += 2;
        }
        case 'n' -> {
          name.append('\n');
          p += 2;
        }
        case 'r' -> {
          name.append('\r');
          p += 2;
        }
        case 't' -> {
          name.append('\t');
          p += 2;
        }
        default -> { // '"', '\\', '/'
          name.append((char) e);
          p += 2;
        }
      }
    }
    String s = name.toString();
    for (int f = 0; f < NAMES.length; f++) {
      if (NAMES[f].equals(s)) {
        return f;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Skipping unknown values, iteratively

  /**
   * Skips one value of any type.
   *
   * @return the index after it, or an error code
   */
  private static int skipValue(byte[] b, int p, int end) {
    byte c = b[p];
    if (c != '{' && c != '[') {
      return skipScalar(b, p, end);
    }
    // One bit per open container: 1 = object, 0 = array.
    long[] kinds = new long[(MAX_DEPTH + 63) / 64];
    int depth = 0;
    while (true) {
      // p is at the start of a value.
      if (p >= end) {
        return ERR_EOF;
      }
      c = b[p];
      if (c == '{' || c == '[') {
        if (depth == MAX_DEPTH) {
          return ERR_DEPTH;
        }
        boolean object = c == '{';
        if (object) {
          kinds[depth >> 6] |= 1L << depth;
        } else {
          kinds[depth >> 6] &= ~(1L << depth);
        }
        depth++;
        p = skipWhitespace(b, p + 1, end);
        if (p >= end) {
          return ERR_EOF;
        }
        if (b[p] != (object ? '}' : ']')) {
          if (object) {
            p = skipNameAndColon(b, p, end);
            if (p < 0) {
              return p;
            }
          }
          continue; // the first element
        }
        p++; // an empty container is a complete value
        depth--;
      } else {
        p = skipScalar(b, p, end);
        if (p < 0) {
          return p;
        }
      }
      // After a complete value: close containers until one continues with ','.
      while (true) {
        if (depth == 0) {
          return p;
        }
        p = skipWhitespace(b, p, end);
        if (p >= end) {
          return ERR_EOF;
        }
        int top = depth - 1;
        boolean object = (kinds[top >> 6] & (1L << top)) != 0;
        if (b[p] == ',') {
          p = skipWhitespace(b, p + 1, end);
          if (object) {
            p = skipNameAndColon(b, p, end);
            if (p < 0) {
              return p;
            }
          }
          break; // the next element
        }
        if (b[p] != (object ? '}' : ']')) {
          return ERR_SYNTAX;
        }
        p++;
        depth--;
      }
    }
  }

  /** Skips {@code "name" :} and the whitespace after it. */
  private static int skipNameAndColon(byte[] b, int p, int end) {
    if (p >= end) {
      return ERR_EOF;
    }
    if (b[p] != '"') {
      return ERR_SYNTAX;
    }
    p = scanString(b, p + 1, end);
    if (p < 0) {
      return p;
    }
    p = skipWhitespace(b, p + 1, end);
    if (p >= end) {
      return ERR_EOF;
    }
    if (b[p] != ':') {
      return ERR_SYNTAX;
    }
    return skipWhitespace(b, p + 1, end);
  }

  private static int skipScalar(byte[] b, int p, int end) {
    byte c = b[p];
    if (c == '"') {
      int close = scanString(b, p + 1, end);
      return close < 0 ? close : close + 1;
    }
    if (c == '-' || isDigit(c)) {
      return scanNumber(b, p, end);
    }
    return switch (c) {
      case 't' -> skipLiteral(b, p, end, "true");
      case 'f' -> skipLiteral(b, p, end, "false");
      case 'n' -> skipLiteral(b, p, end, "null");
      default -> ERR_SYNTAX;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers (the token in b[start, end) is already known to match the JSON number grammar)

  /**
   * The exact integral value of a number token, or {@link #NOT_INTEGRAL} if it has a fraction or
   * does not fit a long ({@code Long.MIN_VALUE} itself is reported as not fitting).
   *
   * <p>The token is read as {@code significand * 10^scale} where the significand never ends in 0
   * (trailing zeros go to the scale), so the value is integral exactly when the scale is not
   * negative.
   */
  static long parseIntegral(byte[] b, int start, int end) {
    // The common case, a plain integer of up to 18 digits (always fits), in one pass.
    int first = b[start] == '-' ? start + 1 : start;
    if (end - first <= 18) {
      long value = 0;
      int p = first;
      for (; p < end; p++) {
        int digit = b[p] - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        value = value * 10 + digit;
      }
      if (p == end) {
        return first == start ? value : -value;
      }
    }
    long significand = significand(b, start, end, 19);
    if (significand < 0) {
      return NOT_INTEGRAL; // 20 or more significant digits: a fraction or beyond long
    }
    if (significand == 0) {
      return 0;
    }
    long scale = decimalScale(b, start, end);
    if (scale < 0 || scale > 18) {
      return NOT_INTEGRAL;
    }
    for (long i = 0; i < scale; i++) {
      if (significand > Long.MAX_VALUE / 10) {
        return NOT_INTEGRAL;
      }
      significand *= 10;
    }
    return b[start] == '-' ? -significand : significand;
  }

  /**
   * The double nearest to a number token. Up to 15 significant digits (below 2^53, so exact) and a
   * scale within +-22 (10^22 is the largest exact power of ten) are computed with one correctly
   * rounded multiplication or division (Clinger's fast path); anything else goes to {@link
   * Double#parseDouble}.
   */
  static double parseDouble(byte[] b, int start, int end) {
    boolean negative = b[start] == '-';
    long significand = significand(b, start, end, MAX_FAST_DIGITS);
    if (significand == 0) {
      return negative ? -0.0 : 0.0;
    }
    long scale = significand < 0 ? Long.MAX_VALUE : decimalScale(b, start, end);
    double value;
    if (scale >= 0 && scale <= 22) {
      value = significand * POWERS_OF_TEN[(int) scale];
    } else if (scale < 0 && scale >= -22) {
      value = significand / POWERS_OF_TEN[(int) -scale];
    } else {
      return parseDoubleSlow(b, start, end);
    }
    return negative ? -value : value;
  }

  /**
   * The significant digits of a number token (from its first to its last non-zero digit, the point
   * ignored) as a long: 0 for zero, -1 if there are more than {@code maxDigits} or they overflow.
   */
  private static long significand(byte[] b, int start, int end, int maxDigits) {
    long significand = 0;
    int digits = 0;
    int pendingZeros = 0;
    for (int p = start; p < end; p++) {
      int c = b[p];
      if (c == 'e' || c == 'E') {
        break;
      }
      int digit = c - '0';
      if (digit < 0 || digit > 9) {
        continue; // the sign or the point
      }
      if (digit == 0 && significand != 0) {
        pendingZeros++; // kept back: they count only if a non-zero digit follows
        continue;
      }
      if (digit == 0) {
        continue; // a leading zero
      }
      digits += pendingZeros + 1;
      if (digits > maxDigits || digits < 0) {
        return -1;
      }
      for (int z = 0; z < pendingZeros; z++) {
        significand *= 10; // cannot overflow: digits <= maxDigits <= 19 and checked below
      }
      pendingZeros = 0;
      // 18 digits always fit a long; the 19th may not.
      if (digits == 19 && significand > (Long.MAX_VALUE - digit) / 10) {
        return -1;
      }
      significand = significand * 10 + digit;
    }
    return significand;
  }

  /**
   * The power of ten that scales {@link #significand} to the token's value: the exponent, minus the
   * digits after the point, plus the trailing zeros the significand left out.
   */
  private static long decimalScale(byte[] b, int start, int end) {
    long fractionDigits = 0;
    long trailingZeros = 0;
    boolean inFraction = false;
    int p = start;
    for (; p < end; p++) {
      byte c = b[p];
      if (c == 'e' || c == 'E') {
        break;
      }
      if (c == '.') {
        inFraction = true;
      } else if (isDigit(c)) {
        if (inFraction) {
          fractionDigits++;
        }
        trailingZeros = c == '0' ? trailingZeros + 1 : 0;
      }
    }
    long exponent = p < end ? parseExponent(b, p + 1, end) : 0;
    return exponent - fractionDigits + trailingZeros;
  }

  /** The exponent after 'e', saturated at +-10^15 (far beyond any length a byte[] can hold). */
  private static long parseExponent(byte[] b, int p, int end) {
    boolean negative = false;
    if (b[p] == '+') {
      p++;
    } else if (b[p] == '-') {
      negative = true;
      p++;
    }
    long exponent = 0;
    for (; p < end; p++) {
      if (exponent < 1_000_000_000_000_000L) {
        exponent = exponent * 10 + (b[p] - '0');
      }
    }
    return negative ? -exponent : exponent;
  }

  private static double parseDoubleSlow(byte[] b, int start, int end) {
    // The JSON number grammar is a subset of Java's, so this cannot fail.
    return Double.parseDouble(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
  }

  // ---------------------------------------------------------------------------------------------
  // Messages (built only on the failure path)

  private static DecodeResult malformed(String reason) {
    return new DecodeResult.Malformed(reason);
  }

  private static DecodeResult truncated(int off, int end) {
    return malformed("truncated input: the object is not closed at offset " + (end - off));
  }

  private static String errorText(int code) {
    return switch (code) {
      case ERR_EOF -> "truncated input";
      case ERR_CONTROL_CHAR -> "unescaped control character in a string";
      case ERR_ESCAPE -> "invalid escape sequence";
      case ERR_UTF8 -> "invalid UTF-8";
      case ERR_DEPTH -> "nesting deeper than " + MAX_DEPTH + " levels";
      default -> "invalid JSON";
    };
  }

  private static String typeOf(byte first) {
    return switch (first) {
      case '"' -> "a string";
      case '{' -> "an object";
      case '[' -> "an array";
      case 't', 'f' -> "a boolean";
      case 'n' -> "null";
      case 'N', 'I' -> "a non-JSON literal";
      default -> "an invalid number";
    };
  }

  private static String missing(int seen) {
    StringBuilder names = new StringBuilder();
    for (int f = 0; f < NAMES.length; f++) {
      if ((seen & (1 << f)) == 0) {
        if (names.length() > 0) {
          names.append(", ");
        }
        names.append(NAMES[f]);
      }
    }
    return names.toString();
  }

  /** Up to 24 bytes from {@code p}, printable ASCII as is, anything else as \xNN, quoted. */
  private static String snippet(byte[] b, int p, int end) {
    if (p >= end) {
      return "end of input";
    }
    StringBuilder s = new StringBuilder("'");
    int stop = Math.min(end, p + 24);
    for (int i = p; i < stop; i++) {
      int c = b[i] & 0xFF;
      if (c >= 0x20 && c < 0x7F) {
        s.append((char) c);
      } else {
        s.append(String.format("\\x%02X", c));
      }
    }
    s.append('\'');
    if (stop < end) {
      s.append("...");
    }
    return s.toString();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
