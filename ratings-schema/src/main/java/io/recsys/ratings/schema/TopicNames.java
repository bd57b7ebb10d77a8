package io.recsys.ratings.schema;

import java.time.Duration;
import java.util.Objects;

/**
 * Topic naming rules, shared by every module that checks, creates, writes or reads topics.
 *
 * <p><b>Legal names</b> (Kafka's rule, checked before Kafka does so that errors name the setting):
 * 1 to {@value #MAX_LENGTH} characters, each an ASCII letter, digit, {@code .}, {@code _} or {@code
 * -}, and neither {@code .} nor {@code ..}.
 *
 * <p><b>Retry topics:</b> a retry topic of a source topic is named {@code
 * <sourceTopic>.retry.<delay>}, with the delay written as {@code Nh} for whole hours, else {@code
 * Nm} for whole minutes below an hour, else {@code Ns} for whole seconds below a minute, else
 * {@code Nms}: {@code ratings.retry.1s}, {@code ratings.retry.30s}, {@code ratings.retry.5m},
 * {@code ratings.retry.2h}, {@code ratings.retry.1500ms}, {@code ratings.retry.90000ms} (90 s is
 * not below a minute nor a whole number of minutes).
 */
public final class TopicNames {

  /** The part between a source topic's name and a retry topic's delay: {@value}. */
  public static final String RETRY_INFIX = ".retry.";

  private TopicNames() {}

  /**
   * The name of a source topic's retry topic for one delay.
   *
   * @param sourceTopic the topic whose records are retried, not blank
   * @param delay the delay, a positive whole number of milliseconds
   * @return e.g. {@code ratings.retry.30s}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the topic is blank or the delay is not a positive whole
   *     number of milliseconds
   */
  public static String retryTopic(String sourceTopic, Duration delay) {
    Objects.requireNonNull(sourceTopic, "sourceTopic");
    if (sourceTopic.isBlank()) {
      throw new IllegalArgumentException("sourceTopic must not be blank");
    }
    return sourceTopic + RETRY_INFIX + delaySuffix(delay);
  }

  /**
   * A delay as written in a retry topic's name.
   *
   * @param delay a positive whole number of milliseconds
   * @return {@code Nh}, {@code Nm}, {@code Ns} or {@code Nms}, see the class description
   * @throws NullPointerException if the delay is null
   * @throws IllegalArgumentException if the delay is not a positive whole number of milliseconds
   */
  public static String delaySuffix(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()
        || delay.isZero()
        || delay.getNano() % 1_000_000 != 0
        || delay.compareTo(Duration.ofDays(365_000)) > 0) {
      throw new IllegalArgumentException(
          "a retry delay must be a positive whole number of milliseconds (at most 365000 days),"
              + " was "
              + delay);
    }
    long ms = delay.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms < 3_600_000) {
      return ms / 60_000 + "m";
    }
    if (ms % 1_000 == 0 && ms < 60_000) {
      return ms / 1_000 + "s";
    }
    return ms + "ms";
  }

  /** The longest legal topic name, in characters. */
  public static final int MAX_LENGTH = 249;

  /**
   * Whether a name is a legal Kafka topic name.
   *
   * @param name the name, may be null (not legal)
   * @return true if legal
   */
  public static boolean isLegal(String name) {
    return name != null && problem(name) == null;
  }

  /**
   * What is wrong with a topic name, to follow "topic name" in a message; null if it is legal.
   *
   * @param name the name, not null
   * @return e.g. {@code "must be 1..249 characters long, was 250"}, or null
   */
  public static String problem(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      return "must be 1.." + MAX_LENGTH + " characters long, was " + name.length();
    }
    if (name.equals(".") || name.equals("..")) {
      return "must not be '.' or '..'";
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isLegalChar(name.charAt(i))) {
        return "may contain only ASCII letters, digits, '.', '_' and '-'";
      }
    }
    return null;
  }

  private static boolean isLegalChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-';
  }
}
