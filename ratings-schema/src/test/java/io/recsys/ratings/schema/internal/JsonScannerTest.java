package io.recsys.ratings.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonScannerTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void skipsOnlyJsonWhitespace() {
    byte[] b = utf8(" \t\r\n\u000Bx");
    assertThat(JsonScanner.skipWhitespace(b, 0, b.length)).isEqualTo(4); // not vertical tab
  }

  @Test
  void findsTheClosingQuoteOfAStringWithEscapesAndUtf8() {
    byte[] b = utf8("a\\\"b\\u00e9\\n é€😀\" rest");
    assertThat(JsonScanner.scanString(b, 0, b.length)).isEqualTo(b.length - 6);
  }

  @Test
  void reportsEachKindOfBadString() {
    assertThat(scan("abc")).isEqualTo(JsonScanner.ERR_EOF);
    assertThat(scan("a\\")).isEqualTo(JsonScanner.ERR_EOF);
    assertThat(scan("a\\u00")).isEqualTo(JsonScanner.ERR_EOF);
    assertThat(scan("a\\x\"")).isEqualTo(JsonScanner.ERR_ESCAPE);
    assertThat(scan("a\\u00g0\"")).isEqualTo(JsonScanner.ERR_ESCAPE);
    assertThat(scan("a\u0001\"")).isEqualTo(JsonScanner.ERR_CONTROL_CHAR);
    // an overlong encoding, a lone continuation byte, a UTF-16 surrogate, beyond U+10FFFF
    for (byte[] bad :
        new byte[][] {
          {(byte) 0xC0, (byte) 0xAF, '"'},
          {(byte) 0x80, '"'},
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
          {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},
          {(byte) 0xE2, (byte) 0x82}
        }) {
      assertThat(JsonScanner.scanString(bad, 0, bad.length)).isEqualTo(JsonScanner.ERR_UTF8);
    }
  }

  private static int scan(String body) {
    byte[] b = utf8(body);
    return JsonScanner.scanString(b, 0, b.length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "42", "-42.5", "4.2e1", "4.2E+1", "1e-7", "0.0"})
  void scansNumbersOfTheJsonGrammar(String token) {
    byte[] b = utf8(token + ",");
    assertThat(JsonScanner.scanNumber(b, 0, b.length)).as(token).isEqualTo(token.length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-", ".5", "5.", "1e", "1e+", "+1", "NaN", "Infinity", "-x"})
  void rejectsWhatIsNoJsonNumber(String token) {
    byte[] b = utf8(token);
    assertThat(JsonScanner.scanNumber(b, 0, b.length)).as(token).isEqualTo(JsonScanner.ERR_SYNTAX);
  }

  @Test
  void stopsANumberAtALeadingZero() {
    byte[] b = utf8("01");
    assertThat(JsonScanner.scanNumber(b, 0, b.length)).isEqualTo(1); // "1" is left over
  }

  @Test
  void matchesLiterals() {
    byte[] b = utf8("true fals");
    assertThat(JsonScanner.skipLiteral(b, 0, b.length, "true")).isEqualTo(4);
    assertThat(JsonScanner.skipLiteral(b, 5, b.length, "false")).isEqualTo(JsonScanner.ERR_EOF);
    assertThat(JsonScanner.skipLiteral(b, 0, b.length, "null")).isEqualTo(JsonScanner.ERR_SYNTAX);
  }
}
