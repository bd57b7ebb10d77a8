package io.recsys.ratings.testkit.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What an embedded cluster is made of, as the builder collected it: broker count, broker configs,
 * start-up bound and SASL users. Travels to a broker process as one line of Base64 (over the
 * process's standard input, never on its command line, since it may hold passwords).
 *
 * @param brokers the number of brokers, 1 to 3
 * @param brokerConfigs broker configs for every node
 * @param startTimeout the bound of starting one node
 * @param saslUser the SASL super user, or null for a PLAINTEXT listener
 * @param saslPassword its password, or null
 * @param scramUsers more SCRAM users and their passwords
 */
public record EmbeddedSpec(
    int brokers,
    Map<String, String> brokerConfigs,
    Duration startTimeout,
    String saslUser,
    String saslPassword,
    Map<String, String> scramUsers) {

  private static final String CONFIG = "config.";
  private static final String SCRAM = "scram.";

  /** Copies the maps (keeping their order). */
  public EmbeddedSpec {
    brokerConfigs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(brokerConfigs));
    scramUsers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scramUsers));
  }

  /**
   * The spec as one line of Base64 text.
   *
   * @return the encoded spec
   */
  public String encode() {
    Properties p = new Properties();
    p.setProperty("brokers", Integer.toString(brokers));
    p.setProperty("startTimeoutMs", Long.toString(startTimeout.toMillis()));
    if (saslUser != null) {
      p.setProperty("saslUser", saslUser);
      p.setProperty("saslPassword", saslPassword);
    }
    brokerConfigs.forEach((k, v) -> p.setProperty(CONFIG + k, v));
    scramUsers.forEach((k, v) -> p.setProperty(SCRAM + k, v));
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Base64.getEncoder().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a spec written by {@link #encode()}.
   *
   * @param encoded the Base64 line
   * @return the spec
   * @throws IllegalArgumentException if the text is not an encoded spec
   */
  public static EmbeddedSpec decode(String encoded) {
    Properties p = new Properties();
    try {
      p.load(
          new StringReader(
              new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not an encoded cluster spec: " + e, e);
    }
    Map<String, String> configs = new LinkedHashMap<>();
    Map<String, String> scram = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(CONFIG)) {
        configs.put(key.substring(CONFIG.length()), p.getProperty(key));
      } else if (key.startsWith(SCRAM)) {
        scram.put(key.substring(SCRAM.length()), p.getProperty(key));
      }
    }
    return new EmbeddedSpec(
        Integer.parseInt(p.getProperty("brokers")),
        configs,
        Duration.ofMillis(Long.parseLong(p.getProperty("startTimeoutMs"))),
        p.getProperty("saslUser"),
        p.getProperty("saslPassword"),
        scram);
  }

  /** Never shows passwords. */
  @Override
  public String toString() {
    return "EmbeddedSpec{brokers="
        + brokers
        + ", brokerConfigs="
        + brokerConfigs
        + ", startTimeout="
        + startTimeout
        + (saslUser == null ? "" : ", saslUser=" + saslUser + ", scramUsers=" + scramUsers.keySet())
        + "}";
  }
}
