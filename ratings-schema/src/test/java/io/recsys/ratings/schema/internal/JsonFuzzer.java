package io.recsys.ratings.schema.internal;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The input generator the codec fuzz tests share: random bytes, soups of JSON tokens and byte-level
 * mutations of valid documents, all from one seeded random source so that every run feeds the same
 * inputs.
 */
final class JsonFuzzer {

  /**
   * Jackson as the oracle for "is this JSON at all" (RFC 8259 allows repeated names, and the codecs
   * reject repeats only of their own fields, so no duplicate detection here).
   */
  private static final ObjectMapper STRICT_JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final byte[] HIGH = {
    (byte) 0x80,
    (byte) 0xC3,
    (byte) 0xE2,
    (byte) 0xED,
    (byte) 0xF0,
    (byte) 0xF4,
    (byte) 0xFF,
    0x00,
    0x1F,
    0x7F
  };

  private final SplittableRandom random;
  private final byte[] interesting;
  private final List<String> tokens;
  private final int maxDuplicate;
  private final int maxRandomBytes;
  private final int maxTokens;

  /**
   * @param seed the seed of every choice
   * @param interesting ASCII characters that mutations insert more often than others
   * @param tokens the pieces of a token soup
   * @param maxDuplicate the longest range a mutation duplicates
   * @param maxRandomBytes the longest random input, exclusive
   * @param maxTokens the most tokens in a soup, exclusive
   */
  JsonFuzzer(
      long seed,
      String interesting,
      List<String> tokens,
      int maxDuplicate,
      int maxRandomBytes,
      int maxTokens) {
    this.random = new SplittableRandom(seed);
    this.interesting = interesting.getBytes(StandardCharsets.US_ASCII);
    this.tokens = List.copyOf(tokens);
    this.maxDuplicate = maxDuplicate;
    this.maxRandomBytes = maxRandomBytes;
    this.maxTokens = maxTokens;
  }

  /** The random source, for building seeds from the same sequence. */
  SplittableRandom random() {
    return random;
  }

  /**
   * The next input: one in ten random bytes, one in ten a token soup, the rest one to four
   * mutations of a seed.
   *
   * @param index the input's number
   * @param seeds valid (or nearly valid) documents to mutate
   * @return a fresh array
   */
  byte[] next(int index, List<byte[]> seeds) {
    int mode = index % 10;
    if (mode == 0) {
      return randomBytes();
    }
    if (mode == 1) {
      return tokenSoup();
    }
    byte[] input = seeds.get(random.nextInt(seeds.size())).clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      input = mutate(input);
    }
    return input;
  }

  private byte[] mutate(byte[] in) {
    if (in.length == 0) {
      return new byte[] {pick()};
    }
    int at = random.nextInt(in.length);
    switch (random.nextInt(9)) {
      case 0: // flip a bit
        in[at] ^= (byte) (1 << random.nextInt(8));
        return in;
      case 1: // replace a byte
        in[at] = pick();
        return in;
      case 2: // insert a byte
        {
          byte[] out = new byte[in.length + 1];
          System.arraycopy(in, 0, out, 0, at);
          out[at] = pick();
          System.arraycopy(in, at, out, at + 1, in.length - at);
          return out;
        }
      case 3: // delete a byte
        {
          byte[] out = new byte[in.length - 1];
          System.arraycopy(in, 0, out, 0, at);
          System.arraycopy(in, at + 1, out, at, in.length - at - 1);
          return out;
        }
      case 4: // truncate
        return Arrays.copyOf(in, at);
      case 5: // duplicate a range
        {
          int len = random.nextInt(1, Math.min(maxDuplicate, in.length - at) + 1);
          byte[] out = new byte[in.length + len];
          System.arraycopy(in, 0, out, 0, at + len);
          System.arraycopy(in, at, out, at + len, in.length - at);
          return out;
        }
      case 6: // swap two bytes
        {
          int other = random.nextInt(in.length);
          byte t = in[at];
          in[at] = in[other];
          in[other] = t;
          return in;
        }
      case 7: // change a digit
        for (int i = at; i < in.length; i++) {
          if (in[i] >= '0' && in[i] <= '9') {
            in[i] = (byte) ('0' + random.nextInt(10));
            break;
          }
        }
        return in;
      default: // delete a range
        {
          int len = random.nextInt(1, in.length - at + 1);
          byte[] out = new byte[in.length - len];
          System.arraycopy(in, 0, out, 0, at);
          System.arraycopy(in, at + len, out, at, in.length - at - len);
          return out;
        }
    }
  }

  private byte pick() {
    int r = random.nextInt(10);
    if (r < 6) {
      return interesting[random.nextInt(interesting.length)];
    }
    if (r < 8) {
      return HIGH[random.nextInt(HIGH.length)];
    }
    return (byte) random.nextInt(256);
  }

  private byte[] randomBytes() {
    byte[] out = new byte[random.nextInt(0, maxRandomBytes)];
    for (int i = 0; i < out.length; i++) {
      out[i] = random.nextInt(3) == 0 ? pick() : (byte) random.nextInt(256);
    }
    return out;
  }

  private byte[] tokenSoup() {
    StringBuilder s = new StringBuilder("{");
    int n = random.nextInt(1, maxTokens);
    for (int i = 0; i < n; i++) {
      s.append(tokens.get(random.nextInt(tokens.size())));
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Fails naming the input unless the condition holds (plain check, not AssertJ: it runs for every
   * input).
   */
  static void check(boolean condition, Supplier<String> what, byte[] input) {
    if (!condition) {
      fail(what.get() + " on " + show(input));
    }
  }

  /** Fails unless strict Jackson reads the input as one JSON document. */
  static void assertIsJson(byte[] input) {
    try {
      STRICT_JSON.readTree(input);
    } catch (IOException e) {
      fail("codec accepted what strict Jackson rejects: " + show(input) + ": " + e.getMessage());
    }
  }

  /** The input as printable text (first 300 bytes) and its length, to reproduce a failure. */
  static String show(byte[] input) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(input.length, 300); i++) {
      int c = input[i] & 0xFF;
      s.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c));
    }
    return "'" + s + "' (" + input.length + " bytes)";
  }
}
