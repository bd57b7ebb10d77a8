package io.recsys.ratings.client.producer;

import java.nio.charset.StandardCharsets;

/** The record key: the userId as a decimal UTF-8 (ASCII) string. */
final class Keys {
  private Keys() {}

  /**
   * Encodes a userId as the record key, without going through a {@code String}.
   *
   * @param userId the user
   * @return the ASCII digits, with a leading {@code -} if negative
   */
  public static byte[] userKey(int userId) {
    if (userId == Integer.MIN_VALUE) {
      return Integer.toString(userId).getBytes(StandardCharsets.US_ASCII);
    }
    int v = Math.abs(userId);
    int digits = 1;
    for (int t = v; t >= 10; t /= 10) {
      digits++;
    }
    int len = userId < 0 ? digits + 1 : digits;
    byte[] out = new byte[len];
    for (int i = len - 1; i >= len - digits; i--) {
      out[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    if (userId < 0) {
      out[0] = '-';
    }
    return out;
  }
}
