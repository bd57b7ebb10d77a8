package io.recsys.ratings.schema.internal;

/**
 * The JSON tokens of RFC 8259 over a byte region: whitespace, strings (valid UTF-8, valid escapes,
 * no raw control characters), the number grammar and the literals. Each method takes the array, a
 * position and the end of the region, and returns the position after what it read or a negative
 * error code ({@code ERR_*}, put into words by {@link ReadErrors#errorText}).
 */
final class JsonScanner {

  static final int ERR_EOF = -1;
  static final int ERR_CONTROL_CHAR = -2;
  static final int ERR_ESCAPE = -3;
  static final int ERR_UTF8 = -4;
  static final int ERR_SYNTAX = -5;
  static final int ERR_DEPTH = -6;

  private JsonScanner() {}

  /** Skips space, tab, LF and CR: the only whitespace JSON has. */
  static int skipWhitespace(byte[] b, int p, int end) {
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
  static int scanString(byte[] b, int p, int end) {
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
  static int utf8SequenceLength(byte[] b, int p, int end) {
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

  /** The value of a hexadecimal digit, or -1. */
  static int hexValue(byte c) {
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
  static int scanNumber(byte[] b, int p, int end) {
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

  static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Checks that the literal ({@code true}, {@code false} or {@code null}) starts at {@code p}.
   *
   * @return the index after it, or an error code
   */
  static int skipLiteral(byte[] b, int p, int end, String literal) {
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
}
