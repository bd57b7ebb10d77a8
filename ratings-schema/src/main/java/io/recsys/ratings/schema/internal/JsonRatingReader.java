package io.recsys.ratings.schema.internal;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;

/**
 * A small hand-written JSON reader for one rating event, the codec's entry point.
 *
 * <p>It walks the bytes left to right without building a tree, a String or a boxed number on the
 * way: a valid event costs the {@link RatingEvent} and its {@link DecodeResult.Valid} wrapper. Two
 * paths, which accept exactly the same documents (tests compare them):
 *
 * <ol>
 *   <li>{@link CanonicalReader}: the layout {@link JsonRatingWriter} produces, recognised and
 *       converted in a single pass; it gives up (returns null) at the first byte that differs;
 *   <li>{@link GeneralReader}: any JSON; it scans each token, then converts numbers.
 * </ol>
 *
 * <p>The grammar is RFC 8259 JSON:
 *
 * <ul>
 *   <li>whitespace is space, tab, LF and CR only, anywhere between tokens;
 *   <li>the document is exactly one object; anything but whitespace after it is an error;
 *   <li>the four known fields must each appear once (a duplicate is an error, since two readers
 *       could otherwise disagree on which value wins); the order does not matter;
 *   <li>unknown fields are skipped, whatever their value (forward compatibility); their values are
 *       still checked to be well-formed JSON, nested at most {@value #MAX_DEPTH} levels deep,
 *       without recursion, so no input can overflow the stack;
 *   <li>strings must be valid UTF-8 with valid escapes and no raw control characters; field names
 *       may use escapes ({@code "user\u0049d"} is {@code userId});
 *   <li>ids and timestamp must be JSON numbers with an integral value ({@code 42}, {@code 42.0} or
 *       {@code 4.2e1}, as JSON Schema's "integer" type) that fits the Java type; the rating any
 *       JSON number, an integral one ({@code 4}) reads as 4.0. {@code NaN} and {@code Infinity} are
 *       not JSON; a number beyond the double range reads as infinity and fails validation.
 * </ul>
 */
public final class JsonRatingReader {

  /** Deepest nesting of arrays and objects accepted inside an unknown field's value. */
  public static final int MAX_DEPTH = ValueSkipper.MAX_DEPTH;

  private JsonRatingReader() {}

  /**
   * Does nothing but load the reader: its class initialisation (the fast path's VarHandles) then
   * runs now, not at the first record.
   */
  public static void initialize() {
    CanonicalReader.initialize();
  }

  /**
   * Decodes and validates one event. May throw only on a bug; the caller guards against that.
   *
   * @param b the bytes, may be null
   * @param off the first byte to read
   * @param len the number of bytes to read
   * @param validator judges a well-formed event
   * @return the result
   */
  public static DecodeResult decode(byte[] b, int off, int len, RatingValidator validator) {
    if (b == null) {
      return ReadErrors.NULL_INPUT;
    }
    if (off < 0 || len < 0 || off > b.length - len) {
      return ReadErrors.malformed(
          "offset " + off + " and length " + len + " lie outside the array of length " + b.length);
    }
    RatingEvent canonical = CanonicalReader.event(b, off, off + len);
    return canonical != null
        ? judge(canonical, validator)
        : GeneralReader.decode(b, off, len, validator);
  }

  /**
   * The event whose canonical encoding the region is, if the validator accepts it; else null (any
   * other layout, numbers the fast path leaves to the general reader, or an invalid event). Such an
   * event's {@link JsonRatingWriter#encode} gives back exactly the bytes it was read from. Never
   * throws: a null array or a region outside it gives null.
   *
   * @param b the bytes, may be null
   * @param off the first byte to read
   * @param len the number of bytes to read
   * @param validator judges a well-formed event
   * @return the valid event, or null
   */
  public static RatingEvent decodeCanonicalValid(
      byte[] b, int off, int len, RatingValidator validator) {
    if (b == null || off < 0 || len < 0 || off > b.length - len) {
      return null;
    }
    RatingEvent event = CanonicalReader.event(b, off, off + len);
    return event != null && validator.isValid(event) ? event : null;
  }

  /**
   * Decodes and validates one event with the canonical fast path only: null where that path gives
   * up; lets tests check that the writer's own output takes it. Expects a valid region of a
   * non-null array.
   */
  static DecodeResult decodeCanonicalOnly(byte[] b, int off, int len, RatingValidator validator) {
    RatingEvent event = CanonicalReader.event(b, off, off + len);
    return event == null ? null : judge(event, validator);
  }

  /** The result for a well-formed event: valid, or invalid with every violation. */
  static DecodeResult judge(RatingEvent event, RatingValidator validator) {
    if (validator.isValid(event)) {
      return new DecodeResult.Valid(event);
    }
    return new DecodeResult.Invalid(event, validator.validate(event).violations());
  }
}
