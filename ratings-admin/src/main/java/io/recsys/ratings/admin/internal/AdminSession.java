package io.recsys.ratings.admin.internal;

import io.recsys.ratings.admin.AdminAuthorizationException;
import io.recsys.ratings.admin.AdminSettings;
import io.recsys.ratings.admin.AdminTimeoutException;
import io.recsys.ratings.admin.InvalidTopicSpecException;
import io.recsys.ratings.admin.RatingsAdminException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * An {@link Admin} client with the bounded waiting and error translation shared by the provisioner
 * and the inspector. Closes the client only if it created it.
 */
public final class AdminSession implements AutoCloseable {

  /** Extra time granted beyond the Admin call's own timeout before giving up on a future. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;
  private final boolean owned;
  private final String bootstrapServers;
  private final Duration timeout;

  private AdminSession(Admin admin, boolean owned, String bootstrapServers, Duration timeout) {
    this.admin = admin;
    this.owned = owned;
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
  }

  /**
   * Creates an Admin client from settings; the session owns and closes it.
   *
   * @param settings connection settings
   * @return the session
   * @throws RatingsAdminException if the client cannot be created (e.g. no resolvable bootstrap
   *     server, bad property)
   */
  public static AdminSession open(AdminSettings settings) {
    Objects.requireNonNull(settings, "settings");
    try {
      Admin admin = Admin.create(settings.adminClientProperties());
      return new AdminSession(admin, true, settings.bootstrapServers(), settings.timeout());
    } catch (KafkaException e) {
      throw new RatingsAdminException(
          "cannot create a Kafka Admin client for bootstrap servers "
              + settings.bootstrapServers()
              + ": "
              + e.getMessage(),
          e,
          false);
    }
  }

  /**
   * Wraps a caller's Admin client; the session never closes it.
   *
   * @param admin the client
   * @param timeout timeout of each call
   * @return the session
   */
  public static AdminSession wrap(Admin admin, Duration timeout) {
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.compareTo(AdminSettings.MIN_TIMEOUT) < 0
        || timeout.compareTo(AdminSettings.MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "timeout must be between "
              + AdminSettings.MIN_TIMEOUT
              + " and "
              + AdminSettings.MAX_TIMEOUT
              + ", was "
              + timeout);
    }
    return new AdminSession(admin, false, "(caller's Admin client)", timeout);
  }

  /**
   * The Admin client.
   *
   * @return the client
   */
  public Admin admin() {
    return admin;
  }

  /**
   * The timeout of each call in milliseconds, for the Admin options' {@code timeoutMs}.
   *
   * @return the timeout
   */
  public int timeoutMs() {
    return (int) timeout.toMillis();
  }

  /**
   * Starts a deadline for one Admin call: the call's timeout plus a small grace.
   *
   * @return the deadline in {@link System#nanoTime()} units
   */
  public long deadline() {
    return System.nanoTime() + timeout.plus(GRACE).toNanos();
  }

  /**
   * Waits for a future until the deadline, translating failures.
   *
   * @param <T> the result type
   * @param future the future
   * @param what what the call was, for messages, e.g. {@code "describeTopics [ratings]"}
   * @param deadline from {@link #deadline()}
   * @return the value
   * @throws RatingsAdminException (or a subclass) on failure
   */
  public <T> T await(KafkaFuture<T> future, String what, long deadline) {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw translate(e.getCause() == null ? e : e.getCause(), what);
    } catch (java.util.concurrent.TimeoutException e) {
      throw translate(new TimeoutException("no answer before the deadline", e), what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RatingsAdminException("interrupted while waiting for " + what, e, false);
    }
  }

  /**
   * Translates a Kafka failure into the SDK's exception tree with a message naming the call.
   *
   * @param cause the failure
   * @param what what the call was
   * @return the exception to throw or report
   */
  public RatingsAdminException translate(Throwable cause, String what) {
    return translate(cause, what, bootstrapServers, timeout);
  }

  /**
   * Translates a Kafka failure into the SDK's exception tree: timeouts into {@link
   * AdminTimeoutException} (retriable), authorization failures into {@link
   * AdminAuthorizationException}, rejected settings into {@link InvalidTopicSpecException}, the
   * rest into {@link RatingsAdminException} (retriable if Kafka says so).
   *
   * @param cause the failure
   * @param what what the call was, e.g. {@code "createTopics [ratings]"}
   * @param bootstrapServers the cluster, for messages
   * @param timeout the call's timeout, for messages
   * @return the exception to throw or report
   */
  public static RatingsAdminException translate(
      Throwable cause, String what, String bootstrapServers, Duration timeout) {
    if (cause instanceof RatingsAdminException already) {
      return already;
    }
    String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    if (cause instanceof TimeoutException) {
      return new AdminTimeoutException(
          "Kafka cluster at "
              + bootstrapServers
              + " did not answer "
              + what
              + " within "
              + timeout.toMillis()
              + " ms ("
              + reason
              + "). Check that the bootstrap servers are right and reachable, the brokers are"
              + " up, and the security settings match the listener.",
          cause);
    }
    if (cause instanceof AuthorizationException) {
      return new AdminAuthorizationException(
          "not authorized: " + what + " on " + bootstrapServers + " was denied (" + reason + ")",
          cause);
    }
    if (cause instanceof InvalidConfigurationException
        || cause instanceof InvalidReplicationFactorException
        || cause instanceof InvalidPartitionsException
        || cause instanceof InvalidTopicException
        || cause instanceof PolicyViolationException
        || cause instanceof InvalidRequestException) {
      return new InvalidTopicSpecException(
          "the cluster rejected " + what + ": " + cause.getMessage(), cause);
    }
    return new RatingsAdminException(
        what + " failed on " + bootstrapServers + ": " + reason,
        cause,
        cause instanceof RetriableException);
  }

  /**
   * Describes topics with one Admin call.
   *
   * @param names topic names
   * @return name to description, empty for topics that do not exist; in the order of {@code names}
   * @throws RatingsAdminException if the call fails
   */
  public Map<String, Optional<TopicDescription>> describeTopics(Collection<String> names) {
    Map<String, Optional<TopicDescription>> result = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return result;
    }
    Map<String, KafkaFuture<TopicDescription>> futures =
        admin
            .describeTopics(names, new DescribeTopicsOptions().timeoutMs(timeoutMs()))
            .topicNameValues();
    long deadline = deadline();
    for (String name : names) {
      try {
        result.put(
            name, Optional.of(await(futures.get(name), "describeTopics [" + name + "]", deadline)));
      } catch (RatingsAdminException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          result.put(name, Optional.empty());
        } else {
          throw e;
        }
      }
    }
    return result;
  }

  /**
   * Describes the configs of topics with one Admin call.
   *
   * @param names existing topic names
   * @return name to config
   * @throws RatingsAdminException if the call fails
   */
  public Map<String, Config> describeTopicConfigs(Collection<String> names) {
    Map<String, Config> result = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return result;
    }
    List<ConfigResource> resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs =
        await(
            admin
                .describeConfigs(resources, new DescribeConfigsOptions().timeoutMs(timeoutMs()))
                .all(),
            "describeConfigs " + names,
            deadline());
    resources.forEach(r -> result.put(r.name(), configs.get(r)));
    return result;
  }

  /** Closes the Admin client (bounded) if this session created it. */
  @Override
  public void close() {
    if (owned) {
      admin.close(CLOSE_TIMEOUT);
    }
  }
}
