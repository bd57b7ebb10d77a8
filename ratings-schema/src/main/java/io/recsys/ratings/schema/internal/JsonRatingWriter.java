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

  /** Powers of ten 10^1 .. 10^18, for counting digits by comparison instead of division. */
  private static final long[] POWERS_OF_TEN = new long[18];

  /** The two ASCII digits of 0..99: tens at [2 * i], ones at [2 * i + 1]. */
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    long power = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      power *= 10;
      POWERS_OF_TEN[i] = power;
    }
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  /** Number of characters of {@code Long.toString(v)}. */
  static int longSize(long v) {
    if (v < 0) {
      return v == Long.MIN_VALUE ? 20 : 1 + longSize(-v);
    }
    int digits = 1;
    while (digits <= POWERS_OF_TEN.length && v >= POWERS_OF_TEN[digits - 1]) {
      digits++;
    }
    return digits;
  }

  /**
   * Writes {@code v} in decimal into {@code out[p, p + size)}, right to left, two digits per
   * division (in int arithmetic once the value fits an int, which is cheaper than long division).
   *
   * @param size {@code longSize(v)}
   * @return {@code p + size}
   */
  static int putLong(byte[] out, int p, long v, int size) {
    int end = p + size;
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        String text = Long.toString(v);
        for (int i = 0; i < size; i++) {
          out[p + i] = (byte) text.charAt(i);
        }
        return end;
      }
      out[p] = '-';
      v = -v;
    }
    int i = end;
    while (v > Integer.MAX_VALUE) {
      long q = v / 100;
      int pair = (int) (v - q * 100);
      out[--i] = DIGIT_PAIRS[2 * pair + 1];
      out[--i] = DIGIT_PAIRS[2 * pair];
      v = q;
    }
    int n = (int) v;
    while (n >= 100) {
      int q = n / 100;
      int pair = n - q * 100;
      out[--i] = DIGIT_PAIRS[2 * pair + 1];
      out[--i] = DIGIT_PAIRS[2 * pair];
      n = q;
    }
    if (n >= 10) {
      out[--i] = DIGIT_PAIRS[2 * n + 1];
      out[--i] = DIGIT_PAIRS[2 * n];
    } else {
      out[--i] = (byte) ('0' + n);
    }
    return end;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
