package io.recsys.ratings.schema.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * ASCII digits and fixed text compared and converted eight bytes at a time: a little-endian {@code
 * long} view of the bytes, non-digit bytes marked with a few bitwise operations, digits combined in
 * pairs, fours and eights with three multiplications. For the canonical fast path.
 */
final class WordDigits {

  /** Reads the eight bytes at an index as a little-endian long (the first byte lowest). */
  static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ZEROS = 0x3030303030303030L;
  private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
  private static final long LOW_NIBBLES = 0x0F0F0F0F0F0F0F0FL;

  private WordDigits() {}

  /** The eight bytes at {@code b[i..i+8)} as a little-endian long. */
  static long word(byte[] b, int i) {
    return (long) LONG_LE.get(b, i);
  }

  /**
   * The number of digits (1..7) an id starts with in the word read at its first byte, if they are
   * followed by a non-digit and have no leading zero (a lone "0" is fine); longer ids go to the
   * general reader.
   *
   * @return the number of digits, or -1 if there are none, more than 7 or a leading zero
   */
  static int idDigits(long word) {
    // the digits are the low bytes, up to the first non-digit (little-endian); none: 8+ digits
    int digits = Long.numberOfTrailingZeros(nonDigitBytes(word)) >>> 3;
    return digits == 0 || digits == 8 || (digits > 1 && (word & 0xFF) == '0') ? -1 : digits;
  }

  /**
   * Marks the bytes of a little-endian word that are not ASCII digits: each such byte of the result
   * is non-zero, each digit byte zero. A byte of 0xFA or more may also mark the byte after it,
   * which is harmless: only the first marked byte is ever used, and that one is right.
   */
  static long nonDigitBytes(long word) {
    return ((word & HIGH_NIBBLES) ^ ZEROS)
        | (((word + 0x0606060606060606L) & HIGH_NIBBLES) ^ ZEROS);
  }

  /**
   * Marks the bytes of a little-endian word that are not ASCII digits, exactly: each such byte of
   * the result is non-zero, each digit byte zero, whatever its neighbours (unlike {@link
   * #nonDigitBytes}, no carry crosses a byte), so the marks can be counted from either end.
   */
  static long exactNonDigitBytes(long word) {
    return ((word & HIGH_NIBBLES) ^ ZEROS)
        | (((word & LOW_NIBBLES) + 0x0606060606060606L) & 0x1010101010101010L);
  }

  /**
   * The value of the {@code k} (1..8) ASCII digits at {@code b[s..s+k)}, or -1 if one is not a
   * digit; reads the word ending at {@code s + k}, so needs {@code s + k >= 8}. The bytes before
   * {@code s} count as leading zeros.
   */
  static long digits(byte[] b, int s, int k) {
    long word = word(b, s + k - 8);
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
  static long combineDigits(long word) {
    long v = word & LOW_NIBBLES;
    v = (v * 10 + (v >>> 8)) & 0x00FF00FF00FF00FFL;
    v = (v * 100 + (v >>> 16)) & 0x0000FFFF0000FFFFL;
    return (v * 10000 + (v >>> 32)) & 0xFFFFFFFFL;
  }
}
