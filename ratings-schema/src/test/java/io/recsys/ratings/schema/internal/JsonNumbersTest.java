package io.recsys.ratings.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonNumbersTest {

  private static long integral(String token) {
    byte[] b = token.getBytes(StandardCharsets.US_ASCII);
    return JsonNumbers.parseIntegral(b, 0, b.length);
  }

  private static double dbl(String token) {
    byte[] b = token.getBytes(StandardCharsets.US_ASCII);
    return JsonNumbers.parseDouble(b, 0, b.length);
  }

  @ParameterizedTest
  @CsvSource({
    "42, 42",
    "-42, -42",
    "0, 0",
    "-0, 0",
    "42.0, 42",
    "4.2e1, 42",
    "4200e-2, 42",
    "0.0e5, 0",
    "1E18, 1000000000000000000",
    "9223372036854775807, 9223372036854775807",
    "-9223372036854775807, -9223372036854775807",
    "922337203685477580.7e1, 9223372036854775807",
    "123456789012345678, 123456789012345678"
  })
  void readsIntegralValuesExactly(String token, long expected) {
    assertThat(integral(token)).as(token).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4.5",
        "1e-1",
        "9223372036854775808",
        "-9223372036854775808",
        "1e19",
        "1e1000000000000000"
      })
  void reportsFractionsAndValuesBeyondLongAsNotIntegral(String token) {
    assertThat(integral(token)).as(token).isEqualTo(JsonNumbers.NOT_INTEGRAL);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "3.5",
        "0.5",
        "5",
        "4.0",
        "-2.25",
        "1e22",
        "1e23",
        "1.7976931348623157e308",
        "4.9e-324",
        "0.1",
        "123456789012345678901234567890",
        "2.2250738585072014E-308",
        "1e-400",
        "1e400"
      })
  void readsTheNearestDoubleAsJavaDoes(String token) {
    assertThat(dbl(token)).as(token).isEqualTo(Double.parseDouble(token));
  }

  @Test
  void keepsTheSignOfZero() {
    assertThat(Double.doubleToRawLongBits(dbl("-0.0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Double.doubleToRawLongBits(dbl("0e5"))).isEqualTo(Double.doubleToRawLongBits(0.0));
  }
}
