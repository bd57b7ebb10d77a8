package io.recsys.ratings.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated payloads to {@link RatingCodec#decode(byte[])}: it must never throw (nor
 * hit its internal catch-all), classify every input, and only accept real JSON. Seeded, so every
 * run feeds the same inputs; a failure message shows the input to reproduce it.
 */
class RatingCodecFuzzTest {

  private static final long SEED = 0x5EED_2026_1124L;
  private static final int INPUTS = 120_000;
  private static final RatingCodec CODEC = RatingCodec.defaults();

  private static final String INTERESTING = "{}[]\":,\\0123456789eE+-. tfnu\n\t";

  private static final List<String> TOKENS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          ":",
          ",",
          "\"userId\"",
          "\"movieId\"",
          "\"rating\"",
          "\"timestamp\"",
          "\"x\"",
          "1",
          "0",
          "-1",
          "3.5",
          "4",
          "1e3",
          "2147483648",
          "true",
          "null",
          "\"s\"",
          " ",
          "NaN",
          "\"\\u0041\"");

  @Test
  void neverThrowsAndClassifiesEveryRandomOrMutatedPayload() {
    JsonFuzzer fuzzer = new JsonFuzzer(SEED, INTERESTING, TOKENS, 20, 80, 24);
    List<byte[]> seeds = seeds(fuzzer.random());
    Map<DecodeResult.Kind, Integer> counts = new EnumMap<>(DecodeResult.Kind.class);
    for (int i = 0; i < INPUTS; i++) {
      byte[] input = fuzzer.next(i, seeds);
      DecodeResult result = decodeChecked(input);
      counts.merge(result.kind(), 1, Integer::sum);
    }
    // The fuzzer must reach every outcome, or it tests little.
    assertThat(counts.get(DecodeResult.Kind.VALID)).isGreaterThan(1_000);
    assertThat(counts.get(DecodeResult.Kind.INVALID)).isGreaterThan(1_000);
    assertThat(counts.get(DecodeResult.Kind.MALFORMED)).isGreaterThan(10_000);
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(INPUTS);
  }

  private static DecodeResult decodeChecked(byte[] input) {
    DecodeResult result;
    try {
      result = CODEC.decode(input);
    } catch (Throwable t) {
      throw new AssertionError("decode threw on " + JsonFuzzer.show(input), t);
    }
    if (result == null) {
      fail("null result for " + JsonFuzzer.show(input));
    }
    // Plain checks, not AssertJ: this runs 120,000 times. Each failure names the input.
    DecodeResult general = GeneralReader.decode(input, 0, input.length, CODEC.validator());
    JsonFuzzer.check(
        general.equals(result),
        () -> "general reader gave " + general + " but codec " + result,
        input);
    if (result instanceof DecodeResult.Valid v) {
      JsonFuzzer.check(v.kind() == DecodeResult.Kind.VALID, () -> "kind " + v.kind(), input);
      JsonFuzzer.check(
          CODEC.validator().isValid(v.event()), () -> "valid result fails the validator", input);
      JsonFuzzer.assertIsJson(input);
      JsonFuzzer.check(
          CODEC.decode(CODEC.encode(v.event())).equals(v), () -> "re-encoding changes " + v, input);
    } else if (result instanceof DecodeResult.Invalid inv) {
      JsonFuzzer.check(inv.kind() == DecodeResult.Kind.INVALID, () -> "kind " + inv.kind(), input);
      JsonFuzzer.check(
          inv.violations().equals(CODEC.validator().validate(inv.event()).violations())
              && !inv.violations().isEmpty(),
          () -> "violations differ from the validator's: " + inv,
          input);
      JsonFuzzer.assertIsJson(input);
    } else {
      DecodeResult.Malformed m = (DecodeResult.Malformed) result;
      JsonFuzzer.check(m.kind() == DecodeResult.Kind.MALFORMED, () -> "kind " + m.kind(), input);
      JsonFuzzer.check(
          !m.reason().startsWith("internal decoder error"),
          () -> "guard caught a bug: " + m,
          input);
    }
    return result;
  }

  private static List<byte[]> seeds(SplittableRandom random) {
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      RatingEvent event =
          new RatingEvent(
              random.nextInt(0, 140_000),
              random.nextInt(0, 132_000),
              random.nextInt(0, 12) / 2.0,
              random.nextLong(-5, 1_800_000_000_000L));
      String json = CODEC.encodeToString(event);
      seeds.add(json.getBytes(StandardCharsets.UTF_8));
      seeds.add(
          json.replace("{", "{\"x\":[1,{\"a\":\"b\\u00e9\\n\u00e9\"},null,true,-1.5e3],")
              .getBytes(StandardCharsets.UTF_8));
      seeds.add(json.replace(",", " ,\n ").replace(":", ": ").getBytes(StandardCharsets.UTF_8));
      seeds.add(
          json.replace("\"rating\":", "\"rat\\u0069ng\":")
              .replace("}", ",\"z\":{\"y\":[[[]]]}}")
              .getBytes(StandardCharsets.UTF_8));
    }
    return seeds;
  }
}
