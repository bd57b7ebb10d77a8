package io.recsys.ratings.schema.internal;

import java.nio.charset.StandardCharsets;

/**
 * The four known fields of a rating event: their indices (one bit each in a "seen" mask), their
 * names, and which field a name between quotes denotes, escapes included ({@code "user\u0049d"} is
 * {@code userId}).
 */
final class FieldNames {

  static final int USER_ID = 0;
  static final int MOVIE_ID = 1;
  static final int RATING = 2;
  static final int TIMESTAMP = 3;

  /** The "seen" mask with every field's bit set. */
  static final int ALL_FIELDS = 0b1111;

  private static final String[] NAMES = {"userId", "movieId", "rating", "timestamp"};
  private static final byte[][] NAME_BYTES = {
    ascii("userId"), ascii("movieId"), ascii("rating"), ascii("timestamp")
  };

  private FieldNames() {}

  /** The name of a field. */
  static String name(int field) {
    return NAMES[field];
  }

  /**
   * The known field a name (between its quotes, already scanned, so well-formed) denotes, or -1.
   */
  static int fieldOf(byte[] b, int start, int end) {
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

  /** The names of the fields whose bit is not set in {@code seen}, comma-separated. */
  static String missing(int seen) {
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
            v = (v << 4) | JsonScanner.hexValue(b[i]);
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

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
