package io.recsys.ratings.schema.internal;

import io.recsys.ratings.schema.DecodeResult;

/**
 * The texts of malformed results. Built only on the failure path: a valid event never creates a
 * String.
 */
final class ReadErrors {

  static final DecodeResult NULL_INPUT = new DecodeResult.Malformed("input is null");
  static final DecodeResult EMPTY_INPUT =
      new DecodeResult.Malformed("input is empty or only whitespace");

  private ReadErrors() {}

  static DecodeResult malformed(String reason) {
    return new DecodeResult.Malformed(reason);
  }

  /** The region {@code [off, end)} ended inside the object. */
  static DecodeResult truncated(int off, int end) {
    return malformed("truncated input: the object is not closed at offset " + (end - off));
  }

  /** Words for a {@link JsonScanner} error code. */
  static String errorText(int code) {
    return switch (code) {
      case JsonScanner.ERR_EOF -> "truncated input";
      case JsonScanner.ERR_CONTROL_CHAR -> "unescaped control character in a string";
      case JsonScanner.ERR_ESCAPE -> "invalid escape sequence";
      case JsonScanner.ERR_UTF8 -> "invalid UTF-8";
      case JsonScanner.ERR_DEPTH -> "nesting deeper than " + ValueSkipper.MAX_DEPTH + " levels";
      default -> "invalid JSON";
    };
  }

  /** What kind of JSON value starts with this byte, for "must be a JSON number, found ...". */
  static String typeOf(byte first) {
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

  /** Up to 24 bytes from {@code p}, printable ASCII as is, anything else as \xNN, quoted. */
  static String snippet(byte[] b, int p, int end) {
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
}
