package io.recsys.ratings.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The codec's canonical fast path (word-at-a-time field names and digits) against the general
 * reader: every byte value at every position of canonical documents whose numbers have every length
 * the fast path handles, and the lengths around its limits, must be judged the same way.
 */
class CanonicalFastPathTest {

  private static final RatingCodec CODEC = RatingCodec.defaults();

  /** Canonical documents with 1..10-digit ids and 1..19-digit timestamps. */
  private static List<byte[]> documents() {
    List<String> docs = new ArrayList<>();
    String[] ids = {
      "0",
      "7",
      "12",
      "138",
      "4417",
      "21373",
      "138493",
      "1234567",
      "12345678",
      "123456789",
      "2147483647"
    };
    for (String u : ids) {
      for (String m : new String[] {"1", "131262", "12345678", u}) {
        docs.add(doc(u, m, "3.5", "1761763121809"));
      }
    }
    StringBuilder ts = new StringBuilder();
    for (int digits = 1; digits <= 19; digits++) {
      ts.append((char) ('0' + digits % 10));
      docs.add(doc("44176", "21373", "4.0", ts.toString()));
      docs.add(doc("1", "1", "0.5", "9".repeat(digits)));
    }
    docs.add(doc("1", "1", "5.0", "9223372036854775807"));
    docs.add(doc("1", "1", "5.0", "0"));
    List<byte[]> bytes = new ArrayList<>();
    for (String d : docs) {
      bytes.add(d.getBytes(StandardCharsets.US_ASCII));
    }
    return bytes;
  }

  private static String doc(String userId, String movieId, String rating, String timestamp) {
    return "{\"userId\":"
        + userId
        + ",\"movieId\":"
        + movieId
        + ",\"rating\":"
        + rating
        + ",\"timestamp\":"
        + timestamp
        + "}";
  }

  @Test
  void unchangedDocumentsDecodeAsTheGeneralReaderDecodesThem() {
    for (byte[] doc : documents()) {
      assertAgree(doc, 0, doc.length);
    }
    DecodeResult r =
        CODEC.decode(
            doc("44176", "21373", "3.5", "1761763121809").getBytes(StandardCharsets.US_ASCII));
    assertThat(r)
        .isEqualTo(new DecodeResult.Valid(new RatingEvent(44176, 21373, 3.5, 1761763121809L)));
  }

  @Test
  void theWritersOwnOutputTakesTheFastPath() {
    // what the fast path handles: ids of 1..7 digits, timestamps of 1..16 digits
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    RatingValidator open =
        RatingValidator.of(new RatingBounds(0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE));
    RatingCodec codec = RatingCodec.of(open);
    for (int i = 0; i < 100_000; i++) {
      RatingEvent e =
          new RatingEvent(
              random.nextInt(10_000_000),
              random.nextInt(10_000_000),
              random.nextInt(1, 11) / 2.0,
              random.nextLong(1, 10_000_000_000_000_000L));
      byte[] json = codec.encode(e);
      assertThat(JsonRatingReader.decodeCanonicalOnly(json, 0, json.length, open))
          .as(new String(json, StandardCharsets.US_ASCII))
          .isEqualTo(new DecodeResult.Valid(e));
      assertThat(codec.decodeCanonical(json, 0, json.length)).isEqualTo(e);
    }
    // with a 13-digit timestamp (from September 2001 on), the path reading from both ends
    for (int i = 0; i < 100_000; i++) {
      RatingEvent e =
          new RatingEvent(
              random.nextInt(10_000_000) / (int) Math.pow(10, random.nextInt(7)),
              random.nextInt(10_000_000) / (int) Math.pow(10, random.nextInt(7)),
              random.nextInt(0, 100) / 10.0,
              random.nextLong(1_000_000_000_000L, 10_000_000_000_000L));
      byte[] json = codec.encode(e);
      assertThat(CanonicalReader.thirteenDigitEventOnly(json, 0, json.length))
          .as(new String(json, StandardCharsets.US_ASCII))
          .isEqualTo(e);
    }
    for (byte[] doc : documents()) {
      String text = new String(doc, StandardCharsets.US_ASCII);
      boolean thirteen =
          text.matches("[{]\"userId\":[1-9]?[0-9]{1,6},.*") // ids of 1..7 digits
              && text.matches(".*\"movieId\":[1-9]?[0-9]{1,6},.*")
              && text.matches(".*:[1-9][0-9]{12}[}]");
      assertThat(CanonicalReader.thirteenDigitEventOnly(doc, 0, doc.length) != null)
          .as(text)
          .isEqualTo(thirteen);
      DecodeResult fast =
          JsonRatingReader.decodeCanonicalOnly(doc, 0, doc.length, CODEC.validator());
      boolean handled = !text.matches(".*[:][0-9]{8,}[,].*") && !text.matches(".*[0-9]{17,}[}]");
      assertThat(fast != null).as(text).isEqualTo(handled);
    }
  }

  @Test
  void everyByteValueAtEveryPositionIsJudgedLikeTheGeneralReader() {
    int checked = 0;
    for (byte[] doc : documents()) {
      byte[] copy = doc.clone();
      for (int i = 0; i < copy.length; i++) {
        for (int v = 0; v < 256; v++) {
          copy[i] = (byte) v;
          assertAgree(copy, 0, copy.length);
          checked++;
        }
        copy[i] = doc[i];
      }
    }
    assertThat(checked).isGreaterThan(500_000);
  }

  @Test
  void documentsInsideLargerArraysAreReadOnlyWithinTheirRegion() {
    for (byte[] doc : documents()) {
      byte[] padded = new byte[doc.length + 16];
      for (byte filler : new byte[] {'0', '9', '}', ',', ' '}) {
        java.util.Arrays.fill(padded, filler);
        System.arraycopy(doc, 0, padded, 8, doc.length);
        assertAgree(padded, 8, doc.length);
        assertThat(CODEC.decode(padded, 8, doc.length)).isEqualTo(CODEC.decode(doc));
        // one byte short or long of the document: never the same event
        assertAgree(padded, 8, doc.length - 1);
        assertAgree(padded, 8, doc.length + 1);
      }
    }
  }

  @Test
  void everyTruncationIsJudgedLikeTheGeneralReader() {
    for (byte[] doc : documents()) {
      for (int len = 0; len <= doc.length; len++) {
        assertAgree(doc, 0, len);
      }
    }
  }

  /**
   * The codec and the general reader agree; and {@code decodeCanonical} gives an event exactly when
   * the general reader finds a valid one whose encoding is the region itself (within the fast
   * path's number lengths), so its caller can reproduce the original bytes from the event.
   */
  private static void assertAgree(byte[] b, int off, int len) {
    DecodeResult fast = CODEC.decode(b, off, len);
    DecodeResult general = GeneralReader.decode(b, off, len, CODEC.validator());
    String text = new String(b, off, len, StandardCharsets.ISO_8859_1);
    if (!fast.equals(general)) {
      fail("codec gave " + fast + " but the general reader " + general + " for " + text);
    }
    RatingEvent canonical = CODEC.decodeCanonical(b, off, len);
    // the 13-digit path, where it reads an event, reads what the general reader does (valid or
    // not), from exactly that event's encoding
    RatingEvent thirteen = CanonicalReader.thirteenDigitEventOnly(b, off, len);
    RatingEvent generalEvent =
        general instanceof DecodeResult.Valid v
            ? v.event()
            : general instanceof DecodeResult.Invalid i ? i.event() : null;
    if (thirteen != null
        && !(thirteen.equals(generalEvent)
            && Arrays.equals(CODEC.encode(thirteen), Arrays.copyOfRange(b, off, off + len)))) {
      fail(
          "the 13-digit path read " + thirteen + ", the general reader " + general + " of " + text);
    }
    RatingEvent expected = null;
    if (general instanceof DecodeResult.Valid valid
        && Arrays.equals(CODEC.encode(valid.event()), Arrays.copyOfRange(b, off, off + len))
        && valid.event().userId() < 10_000_000
        && valid.event().movieId() < 10_000_000
        && valid.event().timestamp() < 10_000_000_000_000_000L) {
      expected = valid.event();
    }
    if (!Objects.equals(canonical, expected)) {
      fail("decodeCanonical gave " + canonical + ", expected " + expected + " for " + text);
    }
  }

  @Test
  void decodeCanonicalRefusesInvalidEventsAndRegionsOutsideTheArray() {
    byte[] json = CODEC.encode(new RatingEvent(44176, 21373, 3.5, 1761763121809L));
    assertThat(CODEC.decodeCanonical(json, 0, json.length))
        .isEqualTo(new RatingEvent(44176, 21373, 3.5, 1761763121809L));
    byte[] invalid = CODEC.encode(new RatingEvent(44176, 21373, 9.0, 1761763121809L));
    assertThat(CODEC.decode(invalid)).isInstanceOf(DecodeResult.Invalid.class);
    assertThat(CODEC.decodeCanonical(invalid, 0, invalid.length)).isNull();
    assertThat(CODEC.decodeCanonical(null, 0, 0)).isNull();
    assertThat(CODEC.decodeCanonical(json, -1, json.length)).isNull();
    assertThat(CODEC.decodeCanonical(json, 1, json.length)).isNull();
    assertThat(CODEC.decodeCanonical(json, 0, -1)).isNull();
  }
}
