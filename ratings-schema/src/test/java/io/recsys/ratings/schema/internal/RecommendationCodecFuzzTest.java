package io.recsys.ratings.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationDecodeResult;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendedItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

  private static final String INTERESTING = "{}[]\":,\\0123456789eE+-. tfnuPFAL\n\t";

  private static final List<String> TOKENS =
      List.of(
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
          "\"\\u0041\"");

  @Test
  void neverThrowsAndClassifiesEveryRandomOrMutatedPayload() {
    JsonFuzzer fuzzer = new JsonFuzzer(SEED, INTERESTING, TOKENS, 40, 120, 40);
    List<byte[]> seeds = seeds(fuzzer.random());
    Map<DecodeResult.Kind, Integer> counts = new EnumMap<>(DecodeResult.Kind.class);
    for (int i = 0; i < INPUTS; i++) {
      byte[] input = fuzzer.next(i, seeds);
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
      throw new AssertionError("decode threw on " + JsonFuzzer.show(input), t);
    }
    if (result == null) {
      fail("null result for " + JsonFuzzer.show(input));
    }
    // Plain checks, not AssertJ: this runs 60,000 times. Each failure names the input.
    if (result instanceof RecommendationDecodeResult.Valid v) {
      JsonFuzzer.check(v.kind() == DecodeResult.Kind.VALID, () -> "kind " + v.kind(), input);
      JsonFuzzer.check(
          CODEC.validator().isValid(v.event()), () -> "valid result fails the validator", input);
      JsonFuzzer.check(
          v.event().items().size() <= RecommendationEvent.MAX_ITEMS,
          () -> "more items than allowed",
          input);
      JsonFuzzer.assertIsJson(input);
      JsonFuzzer.check(
          CODEC.decode(CODEC.encode(v.event())).equals(v), () -> "re-encoding changes " + v, input);
    } else if (result instanceof RecommendationDecodeResult.Invalid inv) {
      JsonFuzzer.check(inv.kind() == DecodeResult.Kind.INVALID, () -> "kind " + inv.kind(), input);
      JsonFuzzer.check(
          inv.violations().equals(CODEC.validator().validate(inv.event()).violations())
              && !inv.violations().isEmpty(),
          () -> "violations differ from the validator's: " + inv,
          input);
      JsonFuzzer.assertIsJson(input);
      if (inv.event().items().stream().allMatch(item -> Double.isFinite(item.score()))) {
        JsonFuzzer.check(
            CODEC.decode(CODEC.encode(inv.event())).equals(inv),
            () -> "re-encoding changes " + inv,
            input);
      }
    } else {
      RecommendationDecodeResult.Malformed m = (RecommendationDecodeResult.Malformed) result;
      JsonFuzzer.check(m.kind() == DecodeResult.Kind.MALFORMED, () -> "kind " + m.kind(), input);
      JsonFuzzer.check(
          !m.reason().startsWith("internal decoder error"),
          () -> "guard caught a bug: " + m,
          input);
    }
    return result;
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
}
