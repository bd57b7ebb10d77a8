package io.recsys.ratings.schema.internal;

import java.util.Locale;

/**
 * Which Kafka client property names hold secrets, for every module that prints, logs or quotes
 * client properties (the admin settings, the producer and consumer configurations). Public only
 * because those modules share nothing but this one; not part of the API and free to change.
 *
 * <p>A name is secret when, ignoring case, it contains {@code password}, {@code jaas}, {@code
 * secret}, {@code token}, {@code credential}, {@code private} or {@code keystore.key}, or ends with
 * {@code .key}. That covers {@code sasl.jaas.config}, every {@code ssl.*.password}, {@code
 * ssl.keystore.key}, the OAuth client secret and private-key settings, and leans to masking too
 * much rather than too little.
 */
public final class SecretKeys {

  private static final String[] FRAGMENTS = {
    "password", "jaas", "secret", "token", "credential", "private", "keystore.key"
  };

  private SecretKeys() {}

  /**
   * Whether a property's value must never be printed, logged or put into an exception message.
   *
   * @param key the property name, may be null (not secret)
   * @return true if the name marks a secret
   */
  public static boolean isSecret(String key) {
    if (key == null) {
      return false;
    }
    String k = key.toLowerCase(Locale.ROOT);
    if (k.endsWith(".key")) {
      return true;
    }
    for (String fragment : FRAGMENTS) {
      if (k.contains(fragment)) {
        return true;
      }
    }
    return false;
  }
}
