package io.recsys.ratings.schema.internal;

/**
 * Kafka's rule for topic names, for every module that checks one before Kafka does (topic specs,
 * producer and consumer builders, the command line). Public only because those modules share
 * nothing but this one; not part of the API and free to change.
 *
 * <p>A legal name has 1 to {@value #MAX_LENGTH} characters, each an ASCII letter, digit, {@code .},
 * {@code _} or {@code -}, and is neither {@code .} nor {@code ..}.
 */
public final class TopicNames {

  /** The longest legal topic name, in characters. */
  public static final int MAX_LENGTH = 249;

  private TopicNames() {}

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
