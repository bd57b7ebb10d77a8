package io.recsys.ratings.schema;

import io.recsys.ratings.schema.internal.JsonRecommendationReader;
import io.recsys.ratings.schema.internal.JsonRecommendationWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The wire format of a {@link RecommendationEvent}: compact UTF-8 JSON with the six fields in this
 * order and each item as an object of two fields,
 *
 * <pre>{@code
 * {"userId":44176,"kind":"PERSONALIZED","modelVersion":"als-20251029-1",
 *  "generatedAt":1761763122410,"ratingTimestamp":1761763121809,
 *  "items":[{"movieId":318,"score":4.91},{"movieId":858,"score":4.87}]}
 * }</pre>
 *
 * (one line on the wire). Written and read by a small hand-written reader/writer on the JDK alone,
 * with the same guarantees as {@link RatingCodec}.
 *
 * <h2>Encoding</h2>
 *
 * Ids and times are plain integers; {@code kind} is {@code "PERSONALIZED"} or {@code "FALLBACK"}; a
 * score is written as {@link Double#toString(double)} prints it ({@code 4.91}, or {@code 1.0E-5}
 * with an exponent, valid JSON that decodes to the same double). The output is ASCII: a model
 * version with other characters (invalid anyway) is escaped. Encoding does not validate, so bad
 * events can be reproduced; NaN and infinite scores have no JSON form and are refused with {@link
 * IllegalArgumentException}. Producers validate before encoding.
 *
 * <h2>Decoding</h2>
 *
 * {@link #decode(byte[])} never throws, whatever the bytes, and returns exactly one of
 *
 * <ul>
 *   <li>{@link RecommendationDecodeResult.Valid}: well-formed and passes the {@link
 *       RecommendationValidator};
 *   <li>{@link RecommendationDecodeResult.Invalid}: well-formed but breaks a rule (every violation
 *       listed): an id out of bounds, a bad model version, a time not above 0, a score that is
 *       infinite (a JSON number beyond the double range) or above the one before it, a movie twice;
 *   <li>{@link RecommendationDecodeResult.Malformed}: not a recommendation event, with a reason:
 *       null, empty, longer than {@value #MAX_BYTES} bytes, not JSON (RFC 8259), not an object, a
 *       field missing, duplicated or of the wrong type ({@code "userId":"7"}, {@code "items":{}}),
 *       a {@code kind} other than the two, more than {@value RecommendationEvent#MAX_ITEMS} items,
 *       a number beyond its Java type.
 * </ul>
 *
 * <p>Rules of the reader, as for ratings:
 *
 * <ul>
 *   <li><b>Bounded work:</b> an input longer than {@value #MAX_BYTES} bytes is malformed without
 *       being read (a canonical event of {@value RecommendationEvent#MAX_ITEMS} items takes about 6
 *       KB); reading stops at the item after the {@value RecommendationEvent#MAX_ITEMS}th, so a
 *       huge list costs neither memory nor time; nesting is followed without recursion.
 *   <li><b>Forward compatibility:</b> fields other than the known ones, at the top and inside each
 *       item, are ignored whatever their value (nested up to {@value #MAX_NESTING_DEPTH} levels),
 *       as long as they are well-formed JSON. Field order does not matter. A new {@code kind}
 *       value, however, is malformed for a reader that does not know it.
 *   <li>A duplicate known field is malformed, since readers disagree on which copy wins.
 *   <li>Ids and times must be integral numbers ({@code 42}, also {@code 42.0} or {@code 4.2e1}); a
 *       score any JSON number. Field names and strings may use escapes (<code>"user&#92;u0049d"
 *       </code> is {@code userId}).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class RecommendationCodec {

  /** The longest input {@link #decode(byte[])} reads; a longer one is malformed. */
  public static final int MAX_BYTES = JsonRecommendationReader.MAX_BYTES;

  /** Deepest nesting of arrays and objects accepted inside an ignored field. */
  public static final int MAX_NESTING_DEPTH = JsonRecommendationReader.MAX_DEPTH;

  private static final RecommendationCodec DEFAULT =
      new RecommendationCodec(RecommendationValidator.defaults());

  private final RecommendationValidator validator;

  private RecommendationCodec(RecommendationValidator validator) {
    this.validator = validator;
  }

  /**
   * A codec validating with {@link RecommendationValidator#defaults()} (any positive id).
   *
   * @return the shared default codec
   */
  public static RecommendationCodec defaults() {
    return DEFAULT;
  }

  /**
   * A codec validating decoded events with the given validator, e.g. {@code
   * RecommendationCodec.of(RecommendationValidator.of(RatingBounds.ML_25M))}.
   *
   * @param validator judges decoded events
   * @return a codec
   * @throws NullPointerException if {@code validator} is null
   */
  public static RecommendationCodec of(RecommendationValidator validator) {
    return new RecommendationCodec(Objects.requireNonNull(validator, "validator"));
  }

  /**
   * The validator applied by {@link #decode(byte[])}.
   *
   * @return the validator
   */
  public RecommendationValidator validator() {
    return validator;
  }

  /**
   * Encodes an event as compact UTF-8 JSON. Does not validate it.
   *
   * @param event the event
   * @return the JSON bytes (ASCII), a new array
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalArgumentException if a score is NaN or infinite (no JSON form)
   */
  public byte[] encode(RecommendationEvent event) {
    return encodeToString(event).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Encodes an event as a compact JSON string, the same text as {@link
   * #encode(RecommendationEvent)}.
   *
   * @param event the event
   * @return the JSON text
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalArgumentException if a score is NaN or infinite (no JSON form)
   */
  public String encodeToString(RecommendationEvent event) {
    return JsonRecommendationWriter.encodeToString(Objects.requireNonNull(event, "event"));
  }

  /**
   * Decodes and validates one event. Never throws.
   *
   * @param bytes UTF-8 JSON, may be null
   * @return exactly one of valid, invalid or malformed
   */
  public RecommendationDecodeResult decode(byte[] bytes) {
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
  public RecommendationDecodeResult decode(byte[] bytes, int offset, int length) {
    try {
      return JsonRecommendationReader.decode(bytes, offset, length, validator);
    } catch (RuntimeException | StackOverflowError bug) {
      // The reader is written not to throw; should a bug slip through, the caller still gets a
      // result rather than a poison-pill exception in its consumer loop.
      return new RecommendationDecodeResult.Malformed("internal decoder error: " + bug);
    }
  }

  @Override
  public String toString() {
    return "RecommendationCodec[" + validator.bounds() + "]";
  }
}
