package io.recsys.ratings.spark.internal;

import io.recsys.ratings.schema.RatingBounds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/** Options both jobs share: Kafka connection, bounds, master; and the session they build. */
public final class CommonOptions {
  /** Options with a value that both jobs accept. */
  public static final Set<String> OPTIONS =
      Set.of("master", "bootstrap-servers", "kafka-property", "bounds", "metrics-topic", "source");

  private CommonOptions() {}

  /**
   * The Kafka client properties: {@code --bootstrap-servers} plus every {@code --kafka-property
   * key=value}.
   *
   * @param args the arguments
   * @return the properties
   * @throws IllegalArgumentException if no bootstrap servers are given
   */
  public static Map<String, String> kafkaProperties(Args args) {
    Map<String, String> props = optionalKafkaProperties(args);
    if (props.isEmpty()) {
      throw new IllegalArgumentException("--bootstrap-servers is required");
    }
    return props;
  }

  /**
   * Like {@link #kafkaProperties(Args)}, but without bootstrap servers the result is empty (no
   * Kafka at all).
   *
   * @param args the arguments
   * @return the properties, empty if no bootstrap servers are given
   */
  public static Map<String, String> optionalKafkaProperties(Args args) {
    Map<String, String> props = new LinkedHashMap<>(args.pairs("kafka-property"));
    String servers = args.get("bootstrap-servers", props.get("bootstrap.servers"));
    if (servers == null || servers.isBlank()) {
      return Map.of();
    }
    props.put("bootstrap.servers", servers);
    return props;
  }

  /**
   * The bounds of {@code --bounds} (default ml-20m): a preset name {@code ml-20m|ml-25m|ml-32m} or
   * explicit ranges {@code users=MIN..MAX,movies=MIN..MAX}, as {@link RatingBounds#parse(String)}
   * reads them.
   *
   * @param args the arguments
   * @return the bounds
   * @throws IllegalArgumentException for anything else
   */
  public static RatingBounds bounds(Args args) {
    try {
      return RatingBounds.parse(args.get("bounds", "ml-20m"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + e.getMessage(), e);
    }
  }

  /**
   * Builds (or gets) the session of a job's {@code main}: the master of {@code --master} if given,
   * else what spark-submit set ({@code spark.master}), else {@code local[*]}.
   *
   * @param appName the application name
   * @param master the master, or null
   * @return the session
   */
  public static SparkSession session(String appName, String master) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (master != null) {
      builder.master(master);
    } else if (System.getProperty("spark.master") == null) {
      builder.master("local[*]");
    }
    return builder.getOrCreate();
  }

  /**
   * Copies Kafka client properties, checking that they name the bootstrap servers.
   *
   * @param kafkaProperties the properties
   * @return an unmodifiable copy
   * @throws IllegalArgumentException if {@code bootstrap.servers} is missing
   */
  public static Map<String, String> requireBootstrap(Map<String, String> kafkaProperties) {
    Map<String, String> copy = Map.copyOf(kafkaProperties);
    if (!copy.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException("kafkaProperties need bootstrap.servers");
    }
    return copy;
  }

  /**
   * Checks Spark's Kafka {@code startingOffsets} setting.
   *
   * @param startingOffsets the setting
   * @throws IllegalArgumentException unless it is earliest or latest
   */
  public static void requireStartingOffsets(String startingOffsets) {
    if (!"earliest".equals(startingOffsets) && !"latest".equals(startingOffsets)) {
      throw new IllegalArgumentException(
          "startingOffsets must be earliest or latest, got '" + startingOffsets + "'");
    }
  }

  /**
   * Checks a setting is not blank.
   *
   * @param name the setting, for the message
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException if null or blank
   */
  public static String requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, got '" + value + "'");
    }
    return value;
  }

  /**
   * Parses a job's command line; on a bad argument prints the problem and the usage to stderr and
   * exits with status 2.
   *
   * @param <T> the settings type
   * @param args the arguments
   * @param parser the parser
   * @param usage the usage line
   * @return the settings
   */
  public static <T> T parseOrExit(
      String[] args, java.util.function.Function<String[], T> parser, String usage) {
    try {
      return parser.apply(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: " + usage);
      System.exit(2);
      throw e;
    }
  }
}
