package io.recsys.ratings.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Round trips over the whole valid space and over every representable event. */
class RatingCodecPropertiesTest {

  private static final RatingCodec CODEC = RatingCodec.defaults();

  @Provide
  Arbitrary<RatingEvent> validEvents() {
    RatingBounds b = RatingBounds.defaults();
    return Combinators.combine(
            Arbitraries.integers().between(b.minUserId(), b.maxUserId()),
            Arbitraries.integers().between(b.minMovieId(), b.maxMovieId()),
            Arbitraries.integers().between(1, 10).map(halves -> halves / 2.0),
            Arbitraries.longs().between(1, Long.MAX_VALUE))
        .as(RatingEvent::new);
  }

  /** Any event the codec can encode: every int, every finite double bit pattern, every long. */
  @Provide
  Arbitrary<RatingEvent> anyEncodableEvents() {
    Arbitrary<Double> ratings =
        Arbitraries.oneOf(
            Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
            Arbitraries.doubles().between(-10, 10),
            Arbitraries.of(0.0, -0.0, 0.25, 0.5, 5.0, 5.5, Double.MIN_VALUE, Double.MAX_VALUE));
    return Combinators.combine(
            Arbitraries.integers(),
            Arbitraries.integers(),
            ratings,
            Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE))
        .as(RatingEvent::new);
  }

  @Property(tries = 5000, seed = "20261124")
  void everyValidEventRoundTripsAsValid(@ForAll("validEvents") RatingEvent event) {
    byte[] json = CODEC.encode(event);
    assertThat(CODEC.decode(json)).isEqualTo(new DecodeResult.Valid(event));
    assertThat(GeneralReader.decode(json, 0, json.length, CODEC.validator()))
        .isEqualTo(new DecodeResult.Valid(event));
    assertThat(CODEC.encodeToString(event)).isEqualTo(new String(json, StandardCharsets.UTF_8));
  }

  @Property(tries = 5000, seed = "20261124")
  void everyEncodableEventRoundTripsBitForBitAndIsJudgedLikeTheValidator(
      @ForAll("anyEncodableEvents") RatingEvent event) {
    byte[] json = CODEC.encode(event);
    DecodeResult result = CODEC.decode(json);
    assertThat(GeneralReader.decode(json, 0, json.length, CODEC.validator())).isEqualTo(result);
    if (RatingValidator.defaults().isValid(event)) {
      assertThat(result).isEqualTo(new DecodeResult.Valid(event));
    } else {
      assertThat(result)
          .isEqualTo(
              new DecodeResult.Invalid(
                  event, RatingValidator.defaults().validate(event).violations()));
    }
  }

  @Property(tries = 2000, seed = "20261124")
  void readsAValidRatingInAnyExponentNotation(
      @ForAll("validEvents") RatingEvent event,
      @ForAll @IntRange(min = -30, max = 30) int shift,
      @ForAll boolean upperCase) {
    // rating = (rating * 10^-shift) e shift, e.g. 3.5 = 0.035e2 = 35000e-4
    String mantissa = new BigDecimal(event.rating()).scaleByPowerOfTen(-shift).toPlainString();
    String rating = mantissa + (upperCase ? "E" : "e") + (shift >= 0 ? "+" : "") + shift;
    String json =
        "{\"userId\":"
            + event.userId()
            + ",\"movieId\":"
            + event.movieId()
            + ",\"rating\":"
            + rating
            + ",\"timestamp\":"
            + event.timestamp()
            + "}";
    assertThat(CODEC.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new DecodeResult.Valid(event));
  }

  @Property(tries = 2000, seed = "20261124")
  void ignoresWhitespaceBetweenTokens(
      @ForAll("validEvents") RatingEvent event, @ForAll("whitespace") String ws) {
    String json =
        CODEC
            .encodeToString(event)
            .replace("{", ws + "{" + ws)
            .replace(":", ws + ":" + ws)
            .replace(",", ws + "," + ws)
            .replace("}", ws + "}" + ws);
    assertThat(CODEC.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new DecodeResult.Valid(event));
  }

  @Provide
  Arbitrary<String> whitespace() {
    return Arbitraries.strings().withChars(' ', '\t', '\n', '\r').ofMinLength(0).ofMaxLength(4);
  }

  @Property(tries = 3000, seed = "20261124")
  void decodesEveryDoubleTokenLikeDoubleParseDouble(@ForAll("numberTokens") String token) {
    String json = "{\"userId\":1,\"movieId\":1,\"rating\":" + token + ",\"timestamp\":1}";
    DecodeResult result = CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
    double rating =
        result instanceof DecodeResult.Valid v
            ? v.event().rating()
            : ((DecodeResult.Invalid) result).event().rating();
    assertThat(rating).isEqualTo(Double.parseDouble(token));
  }

  /** JSON number tokens of every shape: signs, 1-25 digits, fractions, exponents. */
  @Provide
  Arbitrary<String> numberTokens() {
    Arbitrary<String> integer =
        Arbitraries.oneOf(
            Arbitraries.just("0"),
            Combinators.combine(
                    Arbitraries.integers().between(1, 9),
                    Arbitraries.strings().numeric().ofMaxLength(24))
                .as((first, rest) -> first + rest));
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(24).map(d -> "." + d));
    Arbitrary<String> exponent =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(
                    Arbitraries.of("e", "E"),
                    Arbitraries.of("", "+", "-"),
                    Arbitraries.integers().between(0, 400))
                .as((e, sign, value) -> e + sign + value));
    return Combinators.combine(Arbitraries.of("", "-"), integer, fraction, exponent)
        .as((sign, i, f, e) -> sign + i + f + e);
  }
}
