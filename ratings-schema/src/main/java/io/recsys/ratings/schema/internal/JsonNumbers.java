package io.recsys.ratings.schema.internal;

import java.nio.charset.StandardCharsets;

/**
 * Converts a number token, already known to match the JSON number grammar ({@link
 * JsonScanner#scanNumber}), to an exact long or the nearest double, without creating a String on
 * the common paths.
 */
final class JsonNumbers {

  /** Returned by {@link #parseIntegral} when the number is not an integer that fits a long. */
  static final long NOT_INTEGRAL = Long.MIN_VALUE;

  /** Mantissas of at most 15 digits lie below 2^53, so they are exact doubles. */
  private static final int MAX_FAST_DIGITS = 15;

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private JsonNumbers() {}

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
      } else if (JsonScanner.isDigit(c)) {
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
}
