package io.recsys.ratings.schema.internal;

import static io.recsys.ratings.schema.internal.JsonScanner.ERR_DEPTH;
import static io.recsys.ratings.schema.internal.JsonScanner.ERR_EOF;
import static io.recsys.ratings.schema.internal.JsonScanner.ERR_SYNTAX;
import static io.recsys.ratings.schema.internal.JsonScanner.isDigit;
import static io.recsys.ratings.schema.internal.JsonScanner.scanNumber;
import static io.recsys.ratings.schema.internal.JsonScanner.scanString;
import static io.recsys.ratings.schema.internal.JsonScanner.skipLiteral;
import static io.recsys.ratings.schema.internal.JsonScanner.skipWhitespace;

/**
 * Skips the value of an unknown field, whatever its type, checking that it is well-formed JSON.
 * Nested arrays and objects are followed without recursion, with one bit per open container, so no
 * input can overflow the stack; nesting deeper than {@value #MAX_DEPTH} levels is an error.
 */
final class ValueSkipper {

  /** Deepest nesting of arrays and objects accepted inside an unknown field's value. */
  static final int MAX_DEPTH = 1000;

  private ValueSkipper() {}

  /**
   * Skips one value of any type starting at {@code p}.
   *
   * @return the index after it, or an error code
   */
  static int skipValue(byte[] b, int p, int end) {
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
}
