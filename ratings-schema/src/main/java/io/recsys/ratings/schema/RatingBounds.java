package io.recsys.ratings.schema;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The allowed (inclusive) ranges of user and movie ids. Movie ids are sparse, so the range is
 * checked, never a movie count.
 *
 * <p>As text (command-line options, job settings) bounds are a preset name, {@code ml-20m}, {@code
 * ml-25m} or {@code ml-32m}, or two explicit ranges, {@code users=1..200000,movies=1..300000}: see
 * {@link #parse(String)} and {@link #format()}.
 *
 * @param minUserId the smallest allowed user id
 * @param maxUserId the largest allowed user id, at least {@code minUserId}
 * @param minMovieId the smallest allowed movie id
 * @param maxMovieId the largest allowed movie id, at least {@code minMovieId}
 */
public record RatingBounds(int minUserId, int maxUserId, int minMovieId, int maxMovieId) {

  /** MovieLens 20M: users 1..138,493, movies 1..131,262. The default. */
  public static final RatingBounds ML_20M = new RatingBounds(1, 138_493, 1, 131_262);

  /** MovieLens 25M: users 1..162,541, movies 1..209,171. */
  public static final RatingBounds ML_25M = new RatingBounds(1, 162_541, 1, 209_171);

  /** MovieLens 32M: users 1..200,948, movies 1..292,757. */
  public static final RatingBounds ML_32M = new RatingBounds(1, 200_948, 1, 292_757);

  /** The preset names {@link #parse(String)} accepts, in order: ml-20m, ml-25m, ml-32m. */
  public static final List<String> PRESET_NAMES = List.of("ml-20m", "ml-25m", "ml-32m");

  private static final Pattern RANGES =
      Pattern.compile(
          "users\\s*=\\s*(-?\\d{1,10})\\s*\\.\\.\\s*(-?\\d{1,10})\\s*,"
              + "\\s*movies\\s*=\\s*(-?\\d{1,10})\\s*\\.\\.\\s*(-?\\d{1,10})");

  /**
   * Checks that each minimum is at most its maximum.
   *
   * @param minUserId the smallest allowed user id
   * @param maxUserId the largest allowed user id
   * @param minMovieId the smallest allowed movie id
   * @param maxMovieId the largest allowed movie id
   * @throws IllegalArgumentException if a minimum exceeds its maximum; the message names both
   */
  public RatingBounds {
    if (minUserId > maxUserId) {
      throw new IllegalArgumentException(
          "minUserId " + minUserId + " must be <= maxUserId " + maxUserId);
    }
    if (minMovieId > maxMovieId) {
      throw new IllegalArgumentException(
          "minMovieId " + minMovieId + " must be <= maxMovieId " + maxMovieId);
    }
  }

  /**
   * The default bounds, {@link #ML_20M}.
   *
   * @return {@link #ML_20M}
   */
  public static RatingBounds defaults() {
    return ML_20M;
  }

  /**
   * Bounds with ids starting at 1.
   *
   * @param maxUserId the largest allowed user id, at least 1
   * @param maxMovieId the largest allowed movie id, at least 1
   * @return bounds {@code 1..maxUserId} and {@code 1..maxMovieId}
   * @throws IllegalArgumentException if a maximum is below 1
   */
  public static RatingBounds of(int maxUserId, int maxMovieId) {
    if (maxUserId < 1) {
      throw new IllegalArgumentException("maxUserId must be in 1..2147483647, got " + maxUserId);
    }
    if (maxMovieId < 1) {
      throw new IllegalArgumentException("maxMovieId must be in 1..2147483647, got " + maxMovieId);
    }
    return new RatingBounds(1, maxUserId, 1, maxMovieId);
  }

  /**
   * Reads bounds from text: a preset name ({@code ml-20m}, {@code ml-25m}, {@code ml-32m}, any
   * case) or explicit inclusive ranges {@code users=MIN..MAX,movies=MIN..MAX} (users first; spaces
   * around the signs allowed), e.g. {@code users=1..200000,movies=1..300000}.
   *
   * @param text the text
   * @return the bounds
   * @throws IllegalArgumentException if the text is neither form, a number is beyond {@code int},
   *     or a minimum exceeds its maximum; the message quotes the text and names both forms
   */
  public static RatingBounds parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    switch (t) {
      case "ml-20m":
        return ML_20M;
      case "ml-25m":
        return ML_25M;
      case "ml-32m":
        return ML_32M;
      default:
        break;
    }
    Matcher m = RANGES.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bounds must be ml-20m, ml-25m, ml-32m or users=MIN..MAX,movies=MIN..MAX"
              + " (e.g. users=1..200000,movies=1..300000), got '"
              + text
              + "'");
    }
    long[] v = new long[4];
    for (int i = 0; i < 4; i++) {
      v[i] = Long.parseLong(m.group(i + 1));
      if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "bounds: " + m.group(i + 1) + " is beyond the int range, in '" + text + "'");
      }
    }
    try {
      return new RatingBounds((int) v[0], (int) v[1], (int) v[2], (int) v[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bounds '" + text + "': " + e.getMessage(), e);
    }
  }

  /**
   * These bounds as text that {@link #parse(String)} reads back: the preset's name for {@link
   * #ML_20M}, {@link #ML_25M} and {@link #ML_32M}, else the explicit ranges.
   *
   * @return e.g. {@code ml-25m} or {@code users=1..200000,movies=1..300000}
   */
  public String format() {
    if (equals(ML_20M)) {
      return "ml-20m";
    }
    if (equals(ML_25M)) {
      return "ml-25m";
    }
    if (equals(ML_32M)) {
      return "ml-32m";
    }
    return "users=" + minUserId + ".." + maxUserId + ",movies=" + minMovieId + ".." + maxMovieId;
  }
}
