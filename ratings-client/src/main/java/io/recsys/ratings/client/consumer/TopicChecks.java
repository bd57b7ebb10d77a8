package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.RetriableRatingsClientException;
import io.recsys.ratings.client.consumer.ConsumerResult.StopReason;
import io.recsys.ratings.client.internal.Daemons;
import io.recsys.ratings.client.internal.KafkaProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's checks on a Kafka {@link Admin}: at start, that the cluster answers, that the
 * consumed topic exists (or is created within the startup timeout) and that the dead-letter and
 * retry topics exist and may be written; while running, the ids of the subscribed topics, so that a
 * topic deleted and re-created is noticed. Every call is bounded and none blocks the polling loop
 * except where a result is needed before records can be processed. Used only by the thread running
 * the consumer.
 */
final class TopicChecks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicChecks.class);
  static final long WATCH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long MISSING_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final String CREATE_HINT =
      "create it first, e.g. with `ratings create-topics` (it creates the pipeline's topics,"
          + " dead-letter and retry topics included)";

  private final Admin admin;
  private final String bootstrapServers;
  private final String source;
  private final List<String> subscribed;
  private final List<String> published; // dead-letter and retry topics: must exist and be writable
  private final Duration timeout;

  private final Map<String, Uuid> ids = new HashMap<>();
  private final Set<String> gone = new HashSet<>();
  private final Set<String> recreated = new LinkedHashSet<>();
  private final Set<String> deleted = new LinkedHashSet<>();

  private Map<String, KafkaFuture<TopicDescription>> startup;
  private long startNanos;
  private boolean startupDone;
  private String detail = "";
  private long sourceMissingSince = -1;
  private Map<String, KafkaFuture<TopicDescription>> recheck;
  private long nextRecheckNanos;
  private Map<String, KafkaFuture<TopicDescription>> watch;
  private long nextWatchNanos;

  TopicChecks(Admin admin, ConsumerSettings s) {
    this.admin = admin;
    this.bootstrapServers =
        String.valueOf(s.consumerProperties().get("bootstrap.servers")).replace(" ", "");
    this.source = s.topic();
    List<String> sub = new ArrayList<>();
    sub.add(s.topic());
    sub.addAll(s.retryTopics());
    this.subscribed = List.copyOf(sub);
    List<String> pub = new ArrayList<>();
    if (s.deadLetterTopic() != null) {
      pub.add(s.deadLetterTopic());
    }
    pub.addAll(s.retryTopics());
    this.published = List.copyOf(pub);
    this.timeout = s.startupTimeout();
  }

  static TopicChecks create(ConsumerSettings s) {
    try {
      return new TopicChecks(Admin.create(s.adminProperties()), s);
    } catch (KafkaException e) {
      throw KafkaProperties.creationFailed("admin client", e, s.adminProperties());
    }
  }

  /** Sends the start-up describe. */
  void start(long nowNanos) {
    startNanos = nowNanos;
    Set<String> all = new LinkedHashSet<>(subscribed);
    all.addAll(published);
    startup = describe(all, true);
  }

  boolean startupDone() {
    return startupDone;
  }

  /** What went wrong, for a stop reason. */
  String detail() {
    return detail;
  }

  /**
   * Advances the start-up checks.
   *
   * @param nowNanos now
   * @param needResult whether records are waiting to be processed (then the dead-letter checks must
   *     be done first: waits for them, at most until the startup timeout)
   * @return a stop reason, or null to go on
   * @throws RatingsClientException if a dead-letter or retry topic is missing or not writable
   */
  StopReason startup(long nowNanos, boolean needResult) {
    return startup(nowNanos, needResult, Long.MAX_VALUE);
  }

  /**
   * Concludes the start-up checks at an idle timeout: waits at most {@value #CONCLUDE_WAIT_MS} ms
   * more (and not past the startup timeout) for the cluster to answer.
   *
   * @param nowNanos now
   * @return a stop reason, or null if the checks passed
   */
  StopReason conclude(long nowNanos) {
    if (startupDone) {
      return null;
    }
    return startup(nowNanos, false, nowNanos + TimeUnit.MILLISECONDS.toNanos(CONCLUDE_WAIT_MS));
  }

  private static final long CONCLUDE_WAIT_MS = 1_000;

  private StopReason startup(long nowNanos, boolean needResult, long giveUpNanos) {
    if (startup != null) {
      StopReason r = settleStartup(nowNanos, needResult, giveUpNanos);
      if (r != null || startup != null) {
        return r;
      }
    }
    if (sourceMissingSince >= 0) {
      if (needResult) { // records arrive: the topic exists now
        LOG.info("Topic '{}' exists now", source);
        sourceMissingSince = -1;
        nextWatchNanos = nowNanos; // learn its id at once
      } else {
        return recheckSource(nowNanos);
      }
    }
    startupDone = true;
    return null;
  }

  private StopReason settleStartup(long nowNanos, boolean needResult, long giveUpNanos) {
    long deadline = startNanos + timeout.toNanos();
    boolean concluding = giveUpNanos != Long.MAX_VALUE;
    if (concluding) {
      deadline = Math.min(deadline, giveUpNanos);
    }
    if (!needResult && !concluding && nowNanos - deadline < 0 && !allDone(startup)) {
      return null;
    }
    Map<String, KafkaFuture<TopicDescription>> futures = startup;
    startup = null;
    boolean unreachable = false;
    for (Map.Entry<String, KafkaFuture<TopicDescription>> e : futures.entrySet()) {
      String topic = e.getKey();
      boolean publishedTopic = published.contains(topic);
      TopicDescription d;
      try {
        long waitNanos =
            Math.max(0, deadline - System.nanoTime()) + (concluding ? 0 : 500_000_000L);
        d = e.getValue().get(waitNanos, TimeUnit.NANOSECONDS);
      } catch (ExecutionException x) {
        Throwable cause = x.getCause();
        if (cause instanceof TimeoutException) {
          unreachable = true;
          continue;
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
          if (publishedTopic) {
            throw new RatingsClientException(
                role(topic)
                    + " '"
                    + topic
                    + "' does not exist on "
                    + bootstrapServers
                    + ": "
                    + CREATE_HINT
                    + ". Nothing was consumed.");
          }
          if (topic.equals(source)) {
            sourceMissingSince = nowNanos;
            nextRecheckNanos = nowNanos;
            LOG.warn(
                "Topic '{}' does not exist on {}; waiting up to {} ms for it to be created",
                topic,
                bootstrapServers,
                timeout.toMillis());
          }
          continue;
        }
        if (cause instanceof AuthenticationException) {
          throw new RatingsClientException(
              "RatingConsumer failed: "
                  + cause.getClass().getSimpleName()
                  + ": "
                  + KafkaProperties.scrub(cause.getMessage()),
              cause);
        }
        if (publishedTopic) {
          throw new RatingsClientException(
              "Cannot check "
                  + role(topic).toLowerCase(java.util.Locale.ROOT)
                  + " '"
                  + topic
                  + "' on "
                  + bootstrapServers
                  + (cause instanceof TopicAuthorizationException
                      ? ": not allowed to describe it (grant DESCRIBE and WRITE on it)"
                      : ": " + KafkaProperties.scrub(String.valueOf(cause)))
                  + ". Nothing was consumed.",
              cause);
        }
        LOG.debug("Could not describe topic '{}': {}", topic, String.valueOf(cause));
        continue;
      } catch (java.util.concurrent.TimeoutException x) {
        unreachable = true;
        continue;
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        throw new RatingsClientException("Interrupted while checking topics", x);
      }
      if (publishedTopic) {
        Set<AclOperation> ops = d.authorizedOperations();
        if (ops != null
            && !ops.isEmpty()
            && !ops.contains(AclOperation.WRITE)
            && !ops.contains(AclOperation.ALL)) {
          throw new RatingsClientException(
              role(topic)
                  + " '"
                  + topic
                  + "' on "
                  + bootstrapServers
                  + " is not writable for this client (no WRITE permission): grant WRITE on it."
                  + " Nothing was consumed.");
        }
      }
      if (subscribed.contains(topic)) {
        ids.put(topic, d.topicId());
      }
    }
    if (unreachable) {
      detail =
          "No broker of "
              + bootstrapServers
              + " answered within the startup timeout of "
              + timeout.toMillis()
              + " ms. Is the cluster running and the address right?";
      if (needResult) {
        throw new RetriableRatingsClientException(
            "Could not check the topics of "
                + bootstrapServers
                + " within "
                + timeout.toMillis()
                + " ms; nothing was committed");
      }
      return StopReason.CLUSTER_UNREACHABLE;
    }
    nextWatchNanos = nowNanos + WATCH_EVERY_NANOS;
    return null;
  }

  private StopReason recheckSource(long nowNanos) {
    if (recheck != null && allDone(recheck)) {
      KafkaFuture<TopicDescription> f = recheck.get(source);
      recheck = null;
      try {
        TopicDescription d = f.get();
        ids.put(source, d.topicId());
        LOG.info("Topic '{}' exists now", source);
        sourceMissingSince = -1;
        nextWatchNanos = nowNanos + WATCH_EVERY_NANOS;
        startupDone = true;
        return null;
      } catch (ExecutionException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        // still missing (or not answered): decided below
      }
    }
    if (nowNanos - (sourceMissingSince + timeout.toNanos()) >= 0) {
      detail =
          "Topic '"
              + source
              + "' does not exist on "
              + bootstrapServers
              + " (waited "
              + timeout.toMillis()
              + " ms): "
              + CREATE_HINT;
      return StopReason.TOPIC_NOT_FOUND;
    }
    if (recheck == null && nowNanos - nextRecheckNanos >= 0) {
      nextRecheckNanos = nowNanos + MISSING_RECHECK_NANOS;
      recheck = describe(Set.of(source), false);
    }
    return null;
  }

  /** Whether the consumed topic is still missing (an idle timeout then means TOPIC_NOT_FOUND). */
  boolean sourceMissing() {
    return sourceMissingSince >= 0;
  }

  /** The message for TOPIC_NOT_FOUND at an idle timeout. */
  String missingDetail() {
    return "Topic '" + source + "' does not exist on " + bootstrapServers + ": " + CREATE_HINT;
  }

  /**
   * Advances the topic-id watch: every {@link #WATCH_EVERY_NANOS} an asynchronous describe of the
   * subscribed topics; never blocks.
   *
   * @param nowNanos now
   * @return whether {@link #drainRecreated()} or {@link #drainDeleted()} has something
   */
  boolean watch(long nowNanos) {
    if (watch != null) {
      if (!allDone(watch)) {
        return false;
      }
      Map<String, KafkaFuture<TopicDescription>> done = watch;
      watch = null;
      compare(done, 0);
      return !recreated.isEmpty() || !deleted.isEmpty();
    }
    if (nowNanos - nextWatchNanos >= 0) {
      nextWatchNanos = nowNanos + WATCH_EVERY_NANOS;
      watch = describe(new LinkedHashSet<>(subscribed), false);
    }
    return false;
  }

  /** Asks for a describe with the next {@link #watch} call. */
  void watchSoon() {
    nextWatchNanos = System.nanoTime();
  }

  /**
   * Describes the subscribed topics now, waiting at most {@code waitMs}: for a rebalance, before
   * offsets are committed.
   *
   * @param waitMs the bound
   * @return whether {@link #drainRecreated()} or {@link #drainDeleted()} has something
   */
  boolean checkNow(long waitMs) {
    if (!startupDone) {
      return false;
    }
    Map<String, KafkaFuture<TopicDescription>> now =
        describe(new LinkedHashSet<>(subscribed), false);
    compare(now, waitMs);
    return !recreated.isEmpty() || !deleted.isEmpty();
  }

  private void compare(Map<String, KafkaFuture<TopicDescription>> futures, long waitMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    for (Map.Entry<String, KafkaFuture<TopicDescription>> e : futures.entrySet()) {
      String topic = e.getKey();
      TopicDescription d;
      try {
        d = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException x) {
        if (x.getCause() instanceof UnknownTopicOrPartitionException && gone.add(topic)) {
          deleted.add(topic);
        }
        continue;
      } catch (java.util.concurrent.TimeoutException x) {
        continue;
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        return;
      }
      Uuid known = ids.get(topic);
      Uuid id = d.topicId();
      boolean wasGone = gone.remove(topic);
      ids.put(topic, id);
      if ((known != null && !known.equals(id)) || (known != null && wasGone)) {
        recreated.add(topic);
      }
    }
  }

  /**
   * The topics found re-created since the last call.
   *
   * @return the topic names, possibly empty
   */
  List<String> drainRecreated() {
    List<String> out = List.copyOf(recreated);
    recreated.clear();
    return out;
  }

  /**
   * The topics found deleted (and not yet back) since the last call.
   *
   * @return the topic names, possibly empty
   */
  List<String> drainDeleted() {
    List<String> out = List.copyOf(deleted);
    deleted.clear();
    return out;
  }

  private Map<String, KafkaFuture<TopicDescription>> describe(Set<String> topics, boolean ops) {
    try {
      return admin
          .describeTopics(
              topics,
              new DescribeTopicsOptions()
                  .timeoutMs((int) timeout.toMillis())
                  .includeAuthorizedOperations(ops))
          .topicNameValues();
    } catch (KafkaException e) {
      Map<String, KafkaFuture<TopicDescription>> failed = new HashMap<>();
      for (String t : topics) {
        failed.put(t, failedFuture(e));
      }
      return failed;
    }
  }

  private static KafkaFuture<TopicDescription> failedFuture(Throwable t) {
    org.apache.kafka.common.internals.KafkaFutureImpl<TopicDescription> f =
        new org.apache.kafka.common.internals.KafkaFutureImpl<>();
    f.completeExceptionally(t);
    return f;
  }

  private static boolean allDone(Map<String, KafkaFuture<TopicDescription>> futures) {
    for (KafkaFuture<TopicDescription> f : futures.values()) {
      if (!f.isDone()) {
        return false;
      }
    }
    return true;
  }

  private String role(String topic) {
    return subscribed.contains(topic) ? "Retry topic" : "Dead-letter topic";
  }

  @Override
  public void close() {
    Daemons.closeBounded("admin client", () -> admin.close(Duration.ZERO), Duration.ofSeconds(1));
  }
}
