package io.recsys.ratings.schema.internal;

import io.recsys.ratings.schema.RatingEvent;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link RatingEvent} as compact JSON with the four fields in a fixed order, straight into
 * a byte array of exactly the right size (one allocation per event).
 *
 * <p>Numbers: ids and timestamp in plain decimal; the rating as {@link Double#toString(double)}
 * would print it. For every valid rating (0.5..5.0 in half steps) that is {@code "d.0"} or {@code
 * "d.5"}, written by a fast path without creating a String. Odd finite ratings (e.g. {@code
 * 1.0E-7}) keep Java's shortest round-trip form, which may use an exponent; that is valid JSON and
 * decodes to the same double. NaN and infinities have no JSON form and are refused.
 */
public final class JsonRatingWriter {

  private static final byte[] USER_ID = ascii("{\"userId\":");
  private static final byte[] MOVIE_ID = ascii(",\"movieId\":");
  private static final byte[] RATING = ascii(",\"rating\":");
  private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
  private static final int FIXED_LENGTH =
      USER_ID.length + MOVIE_ID.length + RATING.length + TIMESTAMP.length + 1;

  /** Ratings below this bound with a half-step value take the fast path (plain form up to 1e7). */
  private static final double FAST_PATH_LIMIT = 1_000_000;

  private JsonRatingWriter() {}

  /**
   * Encodes the event.
   *
   * @param event the event
   * @return the UTF-8 (in fact ASCII) JSON bytes
   * @throws IllegalArgumentException if the rating is NaN or infinite
   */
  public static byte[] encode(RatingEvent event) {
    double rating = event.rating();
    String slowRating = null;
    int ratingLength;
    if (isFastRating(rating)) {
      ratingLength = longSize((long) rating) + 2;
    } else {
      slowRating = formatRatingSlow(rating);
      ratingLength = slowRating.length();
    }
    int userSize = longSize(event.userId());
    int movieSize = longSize(event.movieId());
    int timestampSize = longSize(event.timestamp());
    byte[] out = new byte[FIXED_LENGTH + userSize + movieSize + ratingLength + timestampSize];
    int p = put(out, 0, USER_ID);
    p = putLong(out, p, event.userId(), userSize);
    p = put(out, p, MOVIE_ID);
    p = putLong(out, p, event.movieId(), movieSize);
    p = put(out, p, RATING);
    if (slowRating == null) {
      long whole = (long) rating;
      p = putLong(out, p, whole, ratingLength - 2);
      out[p++] = '.';
      out[p++] = (byte) (rating == whole ? '0' : '5');
    } else {
      for (int i = 0; i < ratingLength; i++) {
        out[p++] = (byte) slowRating.charAt(i); // Double.toString is pure ASCII
      }
    }
    p = put(out, p, TIMESTAMP);
    p = putLong(out, p, event.timestamp(), timestampSize);
    out[p] = '}';
    return out;
  }

  /**
   * Formats a rating the way {@link #encode(RatingEvent)} writes it ({@code "3.5"}, {@code "4.0"}).
   *
   * @param rating a finite rating
   * @return its text
   * @throws IllegalArgumentException if the rating is NaN or infinite
   */
  public static String formatRating(double rating) {
    if (isFastRating(rating)) {
      long whole = (long) rating;
      return whole + (rating == whole ? ".0" : ".5");
    }
    return formatRatingSlow(rating);
  }

  private static String formatRatingSlow(double rating) {
    if (!Double.isFinite(rating)) {
      throw new IllegalArgumentException(
          "rating "
              + rating
              + " has no JSON form; validate events before encoding (allowed: 0.5..5.0)");
    }
    return Double.toString(rating);
  }

  /** Non-negative (sign bit clear, so not -0.0), small, and a multiple of 0.5. */
  private static boolean isFastRating(double rating) {
    if (Double.doubleToRawLongBits(rating) < 0 || !(rating < FAST_PATH_LIMIT)) {
      return false;
    }
    double doubled = rating * 2;
    return doubled == (long) doubled;
  }

  private static int put(byte[] out, int p, byte[] constant) {
    System.arraycopy(constant, 0, out, p, constant.length);
    return p + constant.length;
  }

  /** Number of characters of {@code Long.toString(v)}. */
  static int longSize(long v) {
    // Count on the negative value: it also covers Long.MIN_VALUE.
    int size = 1;
    long n = v;
    if (n < 0) {
      size++;
    } else {
      n = -n;
    }
    while (n <= -10) {
      n /= 10;
      size++;
    }
    return size;
  }

  /** Writes {@code v} in decimal into {@code out[p, p + size)}; {@code size} is longSize(v). */
  static int putLong(byte[] out, int p, long v, int size) {
    int i = p + size;
    long n = v < 0 ? v : -v;
    do {
      out[--i] = (byte) ('0' - (int) (n % 10));
      n /= 10;
    } while (n != 0);
    if (v < 0) {
      out[--i] = '-';
    }
    return p + size;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
