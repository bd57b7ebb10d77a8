package io.recsys.ratings.schema;

import io.recsys.ratings.schema.internal.JsonRatingReader;
import io.recsys.ratings.schema.internal.JsonRatingWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The wire format of a {@link RatingEvent}: compact UTF-8 JSON with exactly four fields in this
 * order,
 *
 * <pre>{@code {"userId":44176,"movieId":21373,"rating":3.5,"timestamp":1761763121809}}</pre>
 *
 * <p>Written and read by a small hand-written reader/writer on the JDK alone (no Jackson), fast and
 * allocation-light: decoding a valid event allocates only the event and its result.
 *
 * <h2>Encoding</h2>
 *
 * Ids and timestamp are written as plain integers; the rating as {@link Double#toString(double)}
 * prints it, which for every valid rating is {@code "0.5"} .. {@code "5.0"} (never an exponent).
 * Invalid but finite ratings are still encoded (e.g. {@code 1.0E-7}, valid JSON that decodes to the
 * same double), so that bad events can be reproduced; NaN and infinities have no JSON form and are
 * refused with {@link IllegalArgumentException}. Producers validate before encoding.
 *
 * <h2>Decoding</h2>
 *
 * {@link #decode(byte[])} never throws, whatever the bytes, and returns exactly one of
 *
 * <ul>
 *   <li>{@link DecodeResult.Valid}: well-formed and passes the {@link RatingValidator};
 *   <li>{@link DecodeResult.Invalid}: well-formed but breaks a rule (every violation listed);
 *   <li>{@link DecodeResult.Malformed}: not a rating event, with a reason: null, empty, not JSON
 *       (RFC 8259: truncated, invalid UTF-8, {@code NaN}, leading or trailing garbage), not an
 *       object, a field missing or duplicated, a field of the wrong type ({@code "rating":"3.5"},
 *       {@code "userId":1.5}) or a number beyond its Java type.
 * </ul>
 *
 * <p>Rules of the reader:
 *
 * <ul>
 *   <li><b>Forward compatibility:</b> fields other than the four are ignored, whatever their value
 *       (numbers, strings, nested objects and arrays up to {@value #MAX_NESTING_DEPTH} levels), as
 *       long as they are well-formed JSON. A newer producer may add fields without breaking older
 *       consumers. Field order does not matter.
 *   <li>Ids and timestamp must be integral numbers ({@code 42}, also {@code 42.0} or {@code 4.2e1},
 *       as JSON Schema's "integer"); the rating any JSON number, an integral {@code 4} reads as 4.0
 *       and {@code 3.5e0} as 3.5.
 *   <li>A duplicate of one of the four fields is malformed, since readers disagree on which copy
 *       wins; repeated names among ignored fields are allowed (RFC 8259 permits them).
 *   <li>Numbers are read as the nearest double or the exact integer; the one integer that does not
 *       round-trip is a timestamp of {@code Long.MIN_VALUE}, which is malformed (any non-positive
 *       timestamp is invalid anyway).
 *   <li>Nesting is skipped iteratively, so no input can overflow the stack; inputs of any size are
 *       read in one linear pass.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class RatingCodec {

  /** Deepest nesting of arrays and objects accepted inside an ignored field. */
  public static final int MAX_NESTING_DEPTH = JsonRatingReader.MAX_DEPTH;

  static {
    // The reader's class initialisation (its VarHandles) takes about 10 ms in a fresh JVM: pay it
    // when the first codec is created (e.g. when a consumer is built), not at the first record.
    JsonRatingReader.initialize();
  }

  private static final RatingCodec DEFAULT = new RatingCodec(RatingValidator.defaults());

  private final RatingValidator validator;

  private RatingCodec(RatingValidator validator) {
    this.validator = validator;
  }

  /**
   * A codec validating with {@link RatingValidator#defaults()} (MovieLens 20M bounds).
   *
   * @return the shared default codec
   */
  public static RatingCodec defaults() {
    return DEFAULT;
  }

  /**
   * A codec validating decoded events with the given validator.
   *
   * @param validator judges decoded events
   * @return a codec
   * @throws NullPointerException if {@code validator} is null
   */
  public static RatingCodec of(RatingValidator validator) {
    return new RatingCodec(Objects.requireNonNull(validator, "validator"));
  }

  /**
   * The validator applied by {@link #decode(byte[])}.
   *
   * @return the validator
   */
  public RatingValidator validator() {
    return validator;
  }

  /**
   * Encodes an event as compact UTF-8 JSON. Does not validate it.
   *
   * @param event the event
   * @return the JSON bytes, a new array
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalArgumentException if the rating is NaN or infinite (no JSON form)
   */
  public byte[] encode(RatingEvent event) {
    return JsonRatingWriter.encode(Objects.requireNonNull(event, "event"));
  }

  /**
   * Encodes an event as a compact JSON string, the same text as {@link #encode(RatingEvent)}.
   *
   * @param event the event
   * @return the JSON text
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalArgumentException if the rating is NaN or infinite (no JSON form)
   */
  public String encodeToString(RatingEvent event) {
    return new String(encode(event), StandardCharsets.ISO_8859_1); // the bytes are ASCII
  }

  /**
   * Decodes and validates one event. Never throws.
   *
   * @param bytes UTF-8 JSON, may be null
   * @return exactly one of valid, invalid or malformed
   */
  public DecodeResult decode(byte[] bytes) {
    return decode(bytes, 0, bytes == null ? 0 : bytes.length);
  }

  /**
   * Decodes and validates one event from a region of an array. Never throws: a null array or a
   * region outside it is malformed too.
   *
   * @param bytes UTF-8 JSON, may be null
   * @param offset the first byte to read
   * @param length the number of bytes to read
   * @return exactly one of valid, invalid or malformed
   */
  public DecodeResult decode(byte[] bytes, int offset, int length) {
    try {
      return JsonRatingReader.decode(bytes, offset, length, validator);
    } catch (RuntimeException | StackOverflowError bug) {
      // The reader is written not to throw; should a bug slip through, the caller still gets a
      // result rather than a poison-pill exception in its consumer loop.
      return new DecodeResult.Malformed("internal decoder error: " + bug);
    }
  }

  /**
   * Decodes one event if the region holds exactly what {@link #encode(RatingEvent)} writes for an
   * event the validator accepts (the form RatingProducer sends), else returns null; {@link
   * #decode(byte[], int, int)} then reads any other layout and tells why a value is rejected. Null
   * does not mean invalid: it is also returned for the few canonical values this fast path leaves
   * to {@code decode} (ids of 8 or more digits, timestamps of 17 or more). A returned event's
   * {@code encode} gives back the region byte for byte, so a caller that keeps only the event can
   * still reproduce the original value (e.g. for a dead letter). The fast way to read values that
   * are almost always canonical: no {@link DecodeResult} is created. Never throws: a null array or
   * a region outside it gives null.
   *
   * @param bytes UTF-8 JSON, may be null
   * @param offset the first byte to read
   * @param length the number of bytes to read
   * @return the valid event, or null if the value is not in canonical form or not valid
   */
  public RatingEvent decodeCanonical(byte[] bytes, int offset, int length) {
    try {
      return JsonRatingReader.decodeCanonicalValid(bytes, offset, length, validator);
    } catch (RuntimeException bug) {
      return null; // as in decode: never a poison pill; decode() then reports it
    }
  }

  @Override
  public String toString() {
    return "RatingCodec[" + validator.bounds() + "]";
  }
}
