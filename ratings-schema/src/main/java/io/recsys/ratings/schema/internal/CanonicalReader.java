package io.recsys.ratings.schema.internal;

import static io.recsys.ratings.schema.internal.WordDigits.combineDigits;
import static io.recsys.ratings.schema.internal.WordDigits.digits;
import static io.recsys.ratings.schema.internal.WordDigits.exactNonDigitBytes;
import static io.recsys.ratings.schema.internal.WordDigits.idDigits;
import static io.recsys.ratings.schema.internal.WordDigits.nonDigitBytes;
import static io.recsys.ratings.schema.internal.WordDigits.word;

import io.recsys.ratings.schema.RatingEvent;
import java.nio.charset.StandardCharsets;

/**
 * The fast path: exactly what {@link JsonRatingWriter} writes, {@code
 * {"userId":D,"movieId":D,"rating":d.d,"timestamp":D}} (no whitespace, fields in wire order, plain
 * non-negative integers without leading zeros, a rating of one digit, a point and one digit), read
 * in a single pass a machine word at a time ({@link WordDigits}). Anything else, even valid JSON,
 * gives null and goes to {@link GeneralReader}, so both accept exactly the same documents; so do
 * ids of 8 or more digits and timestamps of 17 or more.
 *
 * <p>Each step reads whole words, collects every mismatch of a fixed part into one value and
 * branches once; it never reads past the end of the region (the length checks come before the
 * loads).
 */
final class CanonicalReader {

  private static final byte[] CANONICAL_USER_ID = ascii("{\"userId\":");
  private static final byte[] CANONICAL_MOVIE_ID = ascii(",\"movieId\":");
  private static final byte[] CANONICAL_RATING = ascii(",\"rating\":");
  private static final byte[] CANONICAL_TIMESTAMP = ascii(",\"timestamp\":");

  // The canonical field names compared a machine word at a time (a name of 9-16 bytes as two
  // overlapping words).
  private static final long USER_ID_8 = word(CANONICAL_USER_ID, 0);
  private static final long USER_ID_8B = word(CANONICAL_USER_ID, 2);
  private static final long MOVIE_ID_8 = word(CANONICAL_MOVIE_ID, 0);
  private static final long MOVIE_ID_8B = word(CANONICAL_MOVIE_ID, 3);
  private static final long RATING_8 = word(CANONICAL_RATING, 0);
  private static final long RATING_8B = word(CANONICAL_RATING, 2);

  /** {@code d.d,"tim}: the point and the name's first bytes; the digits are masked out. */
  private static final long RATING_WORD_FIXED = 0xFFFF_FFFF_FF00_FF00L;

  private static final long RATING_WORD_DIGITS = 0x0000_0000_00FF_00FFL;
  private static final long RATING_WORD = ((long) '.' << 8) | (word(CANONICAL_TIMESTAMP, 0) << 24);

  /** {@code estamp":}: the last 8 bytes of {@code ,"timestamp":}. */
  private static final long TIMESTAMP_TAIL_8 = word(CANONICAL_TIMESTAMP, 5);

  private CanonicalReader() {}

  /** Does nothing; calling it runs this class's static initialisation, if it has not run yet. */
  static void initialize() {
    // the call itself is the point
  }

  /**
   * The canonical form's event in {@code b[p, end)}, not validated, or null where the fast path
   * gives up. Expects a valid region of a non-null array.
   */
  static RatingEvent event(byte[] b, int p, int end) {
    int length = end - p;
    if (length >= THIRTEEN_DIGIT_MIN_LENGTH && length <= THIRTEEN_DIGIT_MAX_LENGTH) {
      RatingEvent event = thirteenDigitEvent(b, p, end);
      if (event != null) {
        return event;
      }
    }
    return anyTimestampEvent(b, p, end);
  }

  /** The canonical form's event, any timestamp length, not validated, or null. */
  private static RatingEvent anyTimestampEvent(byte[] b, int p, int end) {
    // The shortest canonical document: {"userId":1,"movieId":1,"rating":1.0,"timestamp":1}.
    if (end - p < 51) {
      return null;
    }
    long userWord = word(b, p + 10);
    int userDigits = idDigits(userWord);
    long mismatch = (word(b, p) ^ USER_ID_8) | (word(b, p + 2) ^ USER_ID_8B);
    int q = p + 10 + userDigits; // the comma before "movieId"
    // after the user id at least ,"movieId":D,"rating":d.d,"timestamp":D} (40 bytes)
    if (mismatch != 0 || userDigits < 0 || end - q < 40) {
      return null;
    }
    long movieWord = word(b, q + 11);
    int movieDigits = idDigits(movieWord);
    mismatch = (word(b, q) ^ MOVIE_ID_8) | (word(b, q + 3) ^ MOVIE_ID_8B);
    q += 11 + movieDigits; // the comma before "rating"
    // after the movie id at least ,"rating":d.d,"timestamp":D} (28 bytes)
    if (mismatch != 0 || movieDigits < 0 || end - q < 28) {
      return null;
    }
    // ,"rating": then one word with the rating (digit, point, digit) and the start of the
    // timestamp's name, then the rest of that name: d.d,"timestamp":
    long ratingWord = word(b, q + 10);
    mismatch =
        (word(b, q) ^ RATING_8)
            | (word(b, q + 2) ^ RATING_8B)
            | ((ratingWord & RATING_WORD_FIXED) ^ RATING_WORD)
            | (nonDigitBytes(ratingWord) & RATING_WORD_DIGITS)
            | (word(b, q + 18) ^ TIMESTAMP_TAIL_8);
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

  // ---------------------------------------------------------------------------------------------
  // A 13-digit timestamp (every millisecond from September 2001 to 2286): read from both ends

  // {"userId":U,"movieId":M,"rating":d.d,"timestamp":TTTTTTTTTTTTT}: 61 bytes and the ids' digits
  private static final int THIRTEEN_DIGIT_FIXED_BYTES = 61;
  private static final int THIRTEEN_DIGIT_MIN_LENGTH = THIRTEEN_DIGIT_FIXED_BYTES + 2;
  private static final int THIRTEEN_DIGIT_MAX_LENGTH = THIRTEEN_DIGIT_FIXED_BYTES + 14;

  /** {@code ":d.d,"t}: the rating between its name and the timestamp's; the digits masked out. */
  private static final long TAIL_RATING_FIXED = 0xFFFF_FF00_FF00_FFFFL;

  private static final long TAIL_RATING_DIGITS = 0x0000_00FF_00FF_0000L;
  private static final long TAIL_RATING_WORD = word(ascii("\":0.0,\"t"), 0) & TAIL_RATING_FIXED;

  /** {@code imestamp}: bytes 3..10 of {@code ,"timestamp":}. */
  private static final long IMESTAMP_8 = word(CANONICAL_TIMESTAMP, 3);

  private static final long QUOTE_COLON = '"' | (':' << 8);

  /** {@code ":} and the timestamp's first 6 digits: the digits are the high 6 bytes. */
  private static final long TIMESTAMP_HIGH_DIGITS = 0xFFFF_FFFF_FFFF_0000L;

  /** The timestamp's last 7 digits and the closing brace: the digits are the low 7 bytes. */
  private static final long TIMESTAMP_LOW_DIGITS = 0x00FF_FFFF_FFFF_FFFFL;

  /**
   * The canonical form's event with a 13-digit timestamp and ids of 1..7 digits, or null for
   * anything else, not validated; lets tests check that the writer's own output takes this path.
   * Expects a valid region of a non-null array.
   */
  static RatingEvent thirteenDigitEventOnly(byte[] b, int off, int len) {
    return len >= THIRTEEN_DIGIT_MIN_LENGTH && len <= THIRTEEN_DIGIT_MAX_LENGTH
        ? thirteenDigitEvent(b, off, off + len)
        : null;
  }

  /**
   * With a 13-digit timestamp the last 48 bytes sit at fixed distances from the end: {@code
   * M,"rating":d.d,"timestamp":TTTTTTTTTTTTT}, the movie id's digits ending the first word. So
   * every word is read at a fixed offset from the start or the end, and the three numbers convert
   * side by side, none waiting for the length of another (the general layout finds each field after
   * the previous one's digits, a chain of dependent loads). Only the movie id's name sits at an
   * offset that depends on the user id's length, and it is only compared.
   */
  private static RatingEvent thirteenDigitEvent(byte[] b, int p, int end) {
    long userWord = word(b, p + 10); // the user id's digits, then a comma
    long movieWord = word(b, end - 48); // ..:MMM, the digits in the high bytes
    long ratingName = word(b, end - 40); // ,"rating
    long ratingWord = word(b, end - 32); // ":d.d,"t
    long timestampName = word(b, end - 24); // imestamp
    long timestampHigh = word(b, end - 16); // ": and the first 6 digits
    long timestampLow = word(b, end - 8); // the last 7 digits and }
    int userDigits = idDigits(userWord);
    // the movie id: the digits above the highest non-digit byte (exact per byte, no carries)
    int movieDigits = Long.numberOfLeadingZeros(exactNonDigitBytes(movieWord)) >>> 3;
    long mismatch =
        (word(b, p) ^ USER_ID_8)
            | (word(b, p + 2) ^ USER_ID_8B)
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
    if (((word(b, q) ^ MOVIE_ID_8) | (word(b, q + 3) ^ MOVIE_ID_8B)) != 0) {
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

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
