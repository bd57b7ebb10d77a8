package io.recsys.ratings.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationDecodeResult;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendedItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated payloads to {@link RecommendationCodec#decode(byte[])}: it must never
 * throw (nor hit its internal catch-all), classify every input, accept only real JSON, and give
 * back what it accepted when re-encoding. Seeded, so every run feeds the same inputs; a failure
 * message shows the input to reproduce it.
 */
class RecommendationCodecFuzzTest {

  private static final long SEED = 0x5EED_2026_0020L;
  private static final int INPUTS = 60_000;
  private static final RecommendationCodec CODEC = RecommendationCodec.defaults();

  /** Jackson as the oracle for "is this JSON at all" (repeated unknown names are allowed). */
  private static final ObjectMapper STRICT_JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final byte[] INTERESTING =
      "{}[]\":,\\0123456789eE+-. tfnuPFAL\n\t".getBytes(StandardCharsets.US_ASCII);
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

  @Test
  void neverThrowsAndClassifiesEveryRandomOrMutatedPayload() {
    SplittableRandom random = new SplittableRandom(SEED);
    List<byte[]> seeds = seeds(random);
    Map<DecodeResult.Kind, Integer> counts = new EnumMap<>(DecodeResult.Kind.class);
    for (int i = 0; i < INPUTS; i++) {
      byte[] input;
      int mode = i % 10;
      if (mode == 0) {
        input = randomBytes(random);
      } else if (mode == 1) {
        input = tokenSoup(random);
      } else {
        input = seeds.get(random.nextInt(seeds.size())).clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
          input = mutate(input, random);
        }
      }
      RecommendationDecodeResult result = decodeChecked(input);
      counts.merge(result.kind(), 1, Integer::sum);
    }
    // The fuzzer must reach every outcome, or it tests little.
    assertThat(counts.get(DecodeResult.Kind.VALID)).isGreaterThan(1_000);
    assertThat(counts.get(DecodeResult.Kind.INVALID)).isGreaterThan(1_000);
    assertThat(counts.get(DecodeResult.Kind.MALFORMED)).isGreaterThan(10_000);
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(INPUTS);
  }

  @Test
  void hugeListsAndDeepOrWideInputsAreMalformedNotAnOutOfMemoryError() {
    StringBuilder many = new StringBuilder(seedText(0).replace("]}", ""));
    while (many.length() < RecommendationCodec.MAX_BYTES - 40) {
      many.append(",{\"movieId\":1,\"score\":1}");
    }
    many.append("]}");
    assertThat(decodeChecked(bytes(many.toString())).kind()).isEqualTo(DecodeResult.Kind.MALFORMED);
    assertThat(decodeChecked(bytes("{\"items\":" + "[".repeat(60_000))).kind())
        .isEqualTo(DecodeResult.Kind.MALFORMED);
    assertThat(decodeChecked(bytes("{\"x\":" + "{\"a\":".repeat(10_000))).kind())
        .isEqualTo(DecodeResult.Kind.MALFORMED);
    byte[] wide = new byte[RecommendationCodec.MAX_BYTES * 40];
    Arrays.fill(wide, (byte) '[');
    assertThat(decodeChecked(wide).kind()).isEqualTo(DecodeResult.Kind.MALFORMED);
  }

  private static RecommendationDecodeResult decodeChecked(byte[] input) {
    RecommendationDecodeResult result;
    try {
      result = CODEC.decode(input);
    } catch (Throwable t) {
      throw new AssertionError("decode threw on " + show(input), t);
    }
    if (result == null) {
      fail("null result for " + show(input));
    }
    // Plain checks, not AssertJ: this runs 60,000 times. Each failure names the input.
    if (result instanceof RecommendationDecodeResult.Valid v) {
      check(v.kind() == DecodeResult.Kind.VALID, () -> "kind " + v.kind(), input);
      check(CODEC.validator().isValid(v.event()), () -> "valid result fails the validator", input);
      check(
          v.event().items().size() <= RecommendationEvent.MAX_ITEMS,
          () -> "more items than allowed",
          input);
      assertIsJson(input);
      check(
          CODEC.decode(CODEC.encode(v.event())).equals(v), () -> "re-encoding changes " + v, input);
    } else if (result instanceof RecommendationDecodeResult.Invalid inv) {
      check(inv.kind() == DecodeResult.Kind.INVALID, () -> "kind " + inv.kind(), input);
      check(
          inv.violations().equals(CODEC.validator().validate(inv.event()).violations())
              && !inv.violations().isEmpty(),
          () -> "violations differ from the validator's: " + inv,
          input);
      assertIsJson(input);
      if (inv.event().items().stream().allMatch(item -> Double.isFinite(item.score()))) {
        check(
            CODEC.decode(CODEC.encode(inv.event())).equals(inv),
            () -> "re-encoding changes " + inv,
            input);
      }
    } else {
      RecommendationDecodeResult.Malformed m = (RecommendationDecodeResult.Malformed) result;
      check(m.kind() == DecodeResult.Kind.MALFORMED, () -> "kind " + m.kind(), input);
      check(
          !m.reason().startsWith("internal decoder error"),
          () -> "guard caught a bug: " + m,
          input);
    }
    return result;
  }

  private static void check(boolean condition, Supplier<String> what, byte[] input) {
    if (!condition) {
      fail(what.get() + " on " + show(input));
    }
  }

  private static void assertIsJson(byte[] input) {
    try {
      STRICT_JSON.readTree(input);
    } catch (IOException e) {
      fail("codec accepted what strict Jackson rejects: " + show(input) + ": " + e.getMessage());
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String seedText(int variant) {
    return CODEC.encodeToString(
        new RecommendationEvent(
            44176 + variant,
            variant % 2 == 0
                ? RecommendationEvent.Kind.PERSONALIZED
                : RecommendationEvent.Kind.FALLBACK,
            "als-" + variant,
            1761763122410L,
            1761763121809L,
            List.of(new RecommendedItem(318, 4.91), new RecommendedItem(858, 4.87))));
  }

  private static List<byte[]> seeds(SplittableRandom random) {
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      // About half of the seeds are valid; the others break one rule or a few.
      boolean bad = random.nextBoolean();
      List<RecommendedItem> items = new ArrayList<>();
      int n = random.nextInt(0, 6);
      double score = 5;
      for (int k = 0; k < n; k++) {
        int movie = bad && random.nextInt(4) == 0 ? random.nextInt(-1, 3) : 100 + 7 * k;
        items.add(new RecommendedItem(movie, score));
        score += bad && random.nextInt(3) == 0 ? 0.5 : -random.nextInt(0, 3) * 0.25;
      }
      RecommendationEvent event =
          new RecommendationEvent(
              bad && random.nextInt(3) == 0 ? random.nextInt(-1, 1) : random.nextInt(1, 200_000),
              RecommendationEvent.Kind.values()[random.nextInt(2)],
              bad && random.nextInt(3) == 0 ? "bad version" : "als-" + random.nextInt(100),
              bad && random.nextInt(3) == 0 ? random.nextLong(-5, 1) : 1_761_763_122_410L,
              bad && random.nextInt(3) == 0 ? random.nextLong(-5, 1) : 1_761_763_121_809L,
              items);
      String json = CODEC.encodeToString(event);
      seeds.add(bytes(json));
      seeds.add(
          bytes(
              json.replace(
                      "{\"userId\"", "{\"x\":[1,{\"a\":\"b\\u00e9\\n\u00e9\"},null],\"userId\"")
                  .replace("\"score\"", "\"r\":true,\"score\"")));
      seeds.add(bytes(json.replace(",", " ,\n ").replace(":", ": ")));
      seeds.add(
          bytes(
              json.replace("\"kind\":", "\"k\\u0069nd\":")
                  .replace("\"items\":[", "\"z\":{\"y\":[[[]]]},\"items\":[")));
    }
    return seeds;
  }

  private static byte[] mutate(byte[] in, SplittableRandom random) {
    if (in.length == 0) {
      return new byte[] {pick(random)};
    }
    int at = random.nextInt(in.length);
    switch (random.nextInt(9)) {
      case 0: // flip a bit
        in[at] ^= (byte) (1 << random.nextInt(8));
        return in;
      case 1: // replace a byte
        in[at] = pick(random);
        return in;
      case 2: // insert a byte
        {
          byte[] out = new byte[in.length + 1];
          System.arraycopy(in, 0, out, 0, at);
          out[at] = pick(random);
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
      case 5: // duplicate a range (e.g. an item)
        {
          int len = random.nextInt(1, Math.min(40, in.length - at) + 1);
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

  private static byte pick(SplittableRandom random) {
    int r = random.nextInt(10);
    if (r < 6) {
      return INTERESTING[random.nextInt(INTERESTING.length)];
    }
    if (r < 8) {
      return HIGH[random.nextInt(HIGH.length)];
    }
    return (byte) random.nextInt(256);
  }

  private static byte[] randomBytes(SplittableRandom random) {
    byte[] out = new byte[random.nextInt(0, 120)];
    for (int i = 0; i < out.length; i++) {
      out[i] = random.nextInt(3) == 0 ? pick(random) : (byte) random.nextInt(256);
    }
    return out;
  }

  private static final String[] TOKENS = {
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"userId\"",
    "\"kind\"",
    "\"modelVersion\"",
    "\"generatedAt\"",
    "\"ratingTimestamp\"",
    "\"items\"",
    "\"movieId\"",
    "\"score\"",
    "\"PERSONALIZED\"",
    "\"FALLBACK\"",
    "\"v1\"",
    "\"x\"",
    "1",
    "0",
    "-1",
    "4.5",
    "1e3",
    "2147483648",
    "true",
    "null",
    " ",
    "NaN",
    "\"\\u0041\""
  };

  private static byte[] tokenSoup(SplittableRandom random) {
    StringBuilder s = new StringBuilder("{");
    int n = random.nextInt(1, 40);
    for (int i = 0; i < n; i++) {
      s.append(TOKENS[random.nextInt(TOKENS.length)]);
    }
    return bytes(s.toString());
  }

  private static String show(byte[] input) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(input.length, 300); i++) {
      int c = input[i] & 0xFF;
      s.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c));
    }
    return "'" + s + "' (" + input.length + " bytes)";
  }
}
