package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.client.internal.Checks;
import io.recsys.ratings.client.producer.RatingRejectedException;
import io.recsys.ratings.schema.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * What a {@link RatingConsumer} does when its {@link RatingHandler} throws: retry with a backoff,
 * optionally go through retry topics, then recover (dead-letter, stop, or skip). Immutable; built
 * by {@link #builder()} (each setter checks its value at once) or taken as {@link #defaults()}.
 *
 * <ol>
 *   <li><b>Retries in place.</b> A failed record is tried again up to {@link #maxAttempts()} times
 *       in all, after a backoff of {@link #initialInterval()}, multiplied by {@link #multiplier()}
 *       after each retry, at most {@link #maxInterval()}, each interval spread by {@link
 *       #jitter()}. During a backoff the record's partition is paused and the consumer keeps
 *       polling, so a backoff longer than {@code max.poll.interval.ms} causes no rebalance; the
 *       records after it in that partition wait (order is kept), other partitions go on.
 *   <li><b>Not worth retrying.</b> A failure matching {@link #notRetryable()} (by default a
 *       validation-type failure: {@link IllegalArgumentException}, {@link ClassCastException},
 *       {@link RatingRejectedException}, {@link RatingsConfigException}, also as a cause) skips the
 *       retries and the retry topics and goes to the recoverer at once.
 *   <li><b>Retry topics</b> (optional, {@link Builder#retryTopics}): the record is then published
 *       to the first retry topic, {@code <topic>.retry.<delay>} ({@link #retryTopicName}), and the
 *       consumer, subscribed to it too, hands it to the handler again no earlier than that delay
 *       after it was written; a failure there goes to the next retry topic, and after the last one
 *       to the recoverer.
 *   <li><b>Recoverer</b> ({@link Recoverer}): {@code DEAD_LETTER} (the default when the consumer
 *       has a dead-letter topic), {@code STOP} (the default otherwise: the consumer stops without
 *       committing the record, {@link RatingConsumer#run()} returns {@link
 *       ConsumerResult.StopReason#HANDLER_FAILED} with the record's coordinates, and a restarted
 *       consumer reads it again), or {@code SKIP} (only when chosen: the record is committed and
 *       logged at WARN with its topic, partition and offset). No setting loses a record silently.
 * </ol>
 *
 * <p>Defaults: {@value #DEFAULT_MAX_ATTEMPTS} attempts, backoff 1 s, multiplier 2, at most 30 s,
 * jitter 0.1, {@link #validationFailures()} not retried, no retry topics, recoverer by dead-letter
 * topic as above.
 */
public final class FailurePolicy {

  /** The default {@link #maxAttempts()}: the first call and two retries. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** The default {@link #initialInterval()}. */
  public static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(1);

  /** The default {@link #multiplier()}. */
  public static final double DEFAULT_MULTIPLIER = 2.0;

  /** The default {@link #maxInterval()}. */
  public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(30);

  /** The default {@link #jitter()}. */
  public static final double DEFAULT_JITTER = 0.1;

  /** The most attempts in place {@link Builder#maxAttempts} accepts. */
  public static final int MAX_ATTEMPTS_LIMIT = 100;

  /** The most retry topics {@link Builder#retryTopics} accepts. */
  public static final int MAX_RETRY_TOPICS = 10;

  private static final Duration MAX_BACKOFF = Duration.ofHours(1);
  private static final Duration MAX_RETRY_DELAY = Duration.ofDays(1);
  private static final Predicate<Throwable> VALIDATION_FAILURES =
      FailurePolicy::isValidationFailure;
  private static final FailurePolicy DEFAULTS = builder().build();

  /** What happens to a record whose handler failed for good. */
  public enum Recoverer {
    /** Published to the consumer's dead-letter topic; committed once the broker acknowledged it. */
    DEAD_LETTER,
    /**
     * The consumer stops without committing the record: {@link RatingConsumer#run()} returns {@link
     * ConsumerResult.StopReason#HANDLER_FAILED} naming it, and a restarted consumer of the group
     * reads it again.
     */
    STOP,
    /** Committed and left behind, logged at WARN with its topic, partition and offset. */
    SKIP
  }

  private final int maxAttempts;
  private final Duration initialInterval;
  private final double multiplier;
  private final Duration maxInterval;
  private final double jitter;
  private final Predicate<Throwable> notRetryable;
  private final Recoverer recoverer;
  private final List<Duration> retryTopicDelays;

  private FailurePolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialInterval = b.initialInterval;
    this.multiplier = b.multiplier;
    this.maxInterval = b.maxInterval;
    this.jitter = b.jitter;
    this.notRetryable = b.notRetryable;
    this.recoverer = b.recoverer;
    this.retryTopicDelays = List.copyOf(b.retryTopicDelays);
  }

  /**
   * The default policy (see the class description).
   *
   * @return the defaults
   */
  public static FailurePolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The default {@link #notRetryable()}: an {@link IllegalArgumentException}, {@link
   * ClassCastException}, {@link RatingRejectedException} or {@link RatingsConfigException}, thrown
   * or as a cause (trying the same input again fails the same way).
   *
   * @return the predicate
   */
  public static Predicate<Throwable> validationFailures() {
    return VALIDATION_FAILURES;
  }

  private static boolean isValidationFailure(Throwable t) {
    Throwable e = t;
    for (int depth = 0; e != null && depth < 10; depth++) {
      if (e instanceof IllegalArgumentException
          || e instanceof ClassCastException
          || e instanceof RatingRejectedException
          || e instanceof RatingsConfigException) {
        return true;
      }
      e = e.getCause() == e ? null : e.getCause();
    }
    return false;
  }

  /**
   * The name of the retry topic of a source topic for a delay: {@code <sourceTopic>.retry.<delay>},
   * the delay written {@code Ns} for whole seconds under a minute, {@code Nm} for whole minutes
   * under an hour, {@code Nh} for whole hours, else {@code Nms} (e.g. {@code ratings.retry.1s},
   * {@code ratings.retry.30s}, {@code ratings.retry.5m}, {@code ratings.retry.1500ms}).
   *
   * @param sourceTopic the consumed topic
   * @param delay the delay, at least 1 ms, whole milliseconds
   * @return the topic name
   * @throws RatingsConfigException if the delay is below 1 ms or not whole milliseconds
   */
  public static String retryTopicName(String sourceTopic, Duration delay) {
    checkDelay(delay);
    return TopicNames.retryTopic(sourceTopic, delay);
  }

  private static Duration checkDelay(Duration delay) {
    Checks.duration("retry topic delay", delay, Duration.ofMillis(1), MAX_RETRY_DELAY);
    if (delay.getNano() % 1_000_000 != 0) {
      throw new RatingsConfigException(
          "retry topic delay must be whole milliseconds but was " + delay);
    }
    return delay;
  }

  /**
   * How many times a record is handed to the handler in place, the first call included (1: no retry
   * in place).
   *
   * @return 1 to {@value #MAX_ATTEMPTS_LIMIT}
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The backoff before the first retry.
   *
   * @return the interval
   */
  public Duration initialInterval() {
    return initialInterval;
  }

  /**
   * The factor each further backoff is multiplied by.
   *
   * @return at least 1
   */
  public double multiplier() {
    return multiplier;
  }

  /**
   * The longest backoff.
   *
   * @return the cap
   */
  public Duration maxInterval() {
    return maxInterval;
  }

  /**
   * How much each backoff is spread at random: it is multiplied by a factor drawn from {@code [1 -
   * jitter, 1 + jitter]}.
   *
   * @return 0 (no jitter) to 1
   */
  public double jitter() {
    return jitter;
  }

  /**
   * Which handler failures are not worth retrying (they go to the recoverer at once).
   *
   * @return the predicate
   */
  public Predicate<Throwable> notRetryable() {
    return notRetryable;
  }

  /**
   * The recoverer if one was chosen.
   *
   * @return the chosen recoverer; empty for the default ({@code DEAD_LETTER} with a dead-letter
   *     topic, {@code STOP} without)
   */
  public Optional<Recoverer> recoverer() {
    return Optional.ofNullable(recoverer);
  }

  /**
   * The recoverer a consumer uses.
   *
   * @param hasDeadLetterTopic whether the consumer has a dead-letter topic
   * @return the chosen recoverer, else {@code DEAD_LETTER} with a dead-letter topic and {@code
   *     STOP} without
   */
  public Recoverer recovererFor(boolean hasDeadLetterTopic) {
    if (recoverer != null) {
      return recoverer;
    }
    return hasDeadLetterTopic ? Recoverer.DEAD_LETTER : Recoverer.STOP;
  }

  /**
   * The delays of the retry topics, in the order a record goes through them.
   *
   * @return the delays; empty for none
   */
  public List<Duration> retryTopicDelays() {
    return retryTopicDelays;
  }

  /**
   * Whether a handler failure is retried (in place and through retry topics).
   *
   * @param failure the handler's exception
   * @return {@code false} if {@link #notRetryable()} matches it
   */
  public boolean isRetryable(Throwable failure) {
    return !notRetryable.test(failure);
  }

  /**
   * The backoff before a retry, with a random jitter.
   *
   * @param retry 1 for the first retry, 2 for the second...
   * @return the backoff
   */
  public Duration backoff(int retry) {
    return backoff(retry, ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The backoff before a retry for a given random draw: {@code min(maxInterval, initialInterval *
   * multiplier^(retry - 1))}, times {@code 1 - jitter + 2 * jitter * random}, capped at {@code
   * maxInterval}, in whole milliseconds.
   *
   * @param retry 1 for the first retry, 2 for the second...
   * @param random a number in {@code [0, 1)}
   * @return the backoff
   * @throws IllegalArgumentException if {@code retry < 1} or {@code random} is outside {@code [0,
   *     1)}
   */
  public Duration backoff(int retry, double random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be 1 or more but was " + retry);
    }
    if (!(random >= 0 && random < 1)) {
      throw new IllegalArgumentException("random must be in [0, 1) but was " + random);
    }
    double max = maxInterval.toMillis();
    double base = Math.min(max, initialInterval.toMillis() * Math.pow(multiplier, retry - 1.0));
    double spread = base * (1 - jitter + 2 * jitter * random);
    return Duration.ofMillis(Math.round(Math.min(max, spread)));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "FailurePolicy{maxAttempts=%d, backoff=%s x%.2f max %s jitter %.2f, notRetryable=%s,"
            + " retryTopics=%s, recoverer=%s}",
        maxAttempts,
        initialInterval,
        multiplier,
        maxInterval,
        jitter,
        notRetryable == VALIDATION_FAILURES ? "validationFailures" : "custom",
        retryTopicDelays,
        recoverer == null ? "DEAD_LETTER with a dead-letter topic, else STOP" : recoverer);
  }

  /** Builds a {@link FailurePolicy}; each setter checks its value at once. */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialInterval = DEFAULT_INITIAL_INTERVAL;
    private double multiplier = DEFAULT_MULTIPLIER;
    private Duration maxInterval = DEFAULT_MAX_INTERVAL;
    private double jitter = DEFAULT_JITTER;
    private Predicate<Throwable> notRetryable = VALIDATION_FAILURES;
    private Recoverer recoverer;
    private List<Duration> retryTopicDelays = List.of();

    private Builder() {}

    /**
     * How many times a record is handed to the handler in place, the first call included (default
     * {@value #DEFAULT_MAX_ATTEMPTS}).
     *
     * @param maxAttempts 1 (no retry in place) to {@value #MAX_ATTEMPTS_LIMIT}
     * @return this builder
     * @throws RatingsConfigException if out of range
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = (int) Checks.range("maxAttempts", maxAttempts, 1, MAX_ATTEMPTS_LIMIT);
      return this;
    }

    /**
     * No retry in place: {@code maxAttempts(1)}.
     *
     * @return this builder
     */
    public Builder noRetries() {
      return maxAttempts(1);
    }

    /**
     * The backoff before the first retry (default 1 s).
     *
     * @param interval between 0 and 1 h
     * @return this builder
     * @throws RatingsConfigException if out of range
     */
    public Builder initialInterval(Duration interval) {
      this.initialInterval =
          Checks.duration("initialInterval", interval, Duration.ZERO, MAX_BACKOFF);
      return this;
    }

    /**
     * The factor each further backoff is multiplied by (default 2; 1 for a fixed backoff).
     *
     * @param multiplier between 1 and 100
     * @return this builder
     * @throws RatingsConfigException if out of range
     */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1 && multiplier <= 100)) {
        throw new RatingsConfigException(
            "multiplier must be between 1.0 and 100.0 but was " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /**
     * The longest backoff (default 30 s).
     *
     * @param interval between 0 and 1 h, not below the initial interval (checked by {@link
     *     #build()})
     * @return this builder
     * @throws RatingsConfigException if out of range
     */
    public Builder maxInterval(Duration interval) {
      this.maxInterval = Checks.duration("maxInterval", interval, Duration.ZERO, MAX_BACKOFF);
      return this;
    }

    /**
     * Sets initial interval, multiplier and longest backoff at once.
     *
     * @param initial the backoff before the first retry
     * @param multiplier the factor for each further backoff
     * @param max the longest backoff
     * @return this builder
     * @throws RatingsConfigException if a value is out of range
     */
    public Builder backoff(Duration initial, double multiplier, Duration max) {
      return initialInterval(initial).multiplier(multiplier).maxInterval(max);
    }

    /**
     * How much each backoff is spread at random (default {@value #DEFAULT_JITTER}: by up to 10 %
     * either way).
     *
     * @param jitter between 0 and 1
     * @return this builder
     * @throws RatingsConfigException if out of range
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new RatingsConfigException("jitter must be between 0.0 and 1.0 but was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * Which handler failures are not worth retrying (default {@link #validationFailures()});
     * combine with it, e.g. {@code validationFailures().or(e -> e instanceof MyBadInput)}.
     *
     * @param notRetryable the predicate
     * @return this builder
     * @throws RatingsConfigException if null
     */
    public Builder notRetryable(Predicate<Throwable> notRetryable) {
      this.notRetryable = Checks.notNull("notRetryable", notRetryable);
      return this;
    }

    /**
     * What happens to a record whose handler failed for good (default: {@code DEAD_LETTER} with a
     * dead-letter topic, {@code STOP} without). {@code DEAD_LETTER} needs the consumer's
     * dead-letter topic (checked when the consumer is built).
     *
     * @param recoverer the recoverer
     * @return this builder
     * @throws RatingsConfigException if null
     */
    public Builder recoverer(Recoverer recoverer) {
      this.recoverer = Checks.notNull("recoverer", recoverer);
      return this;
    }

    /**
     * Non-blocking retry topics, in order (default none): after the retries in place, a retryable
     * failure is published to the next retry topic ({@link #retryTopicName}) and handled again no
     * earlier than its delay after it was written. The topics must exist (the consumer checks at
     * start that it can write them).
     *
     * @param delays one delay per retry topic, each 1 ms to 1 day in whole milliseconds, at most
     *     {@value #MAX_RETRY_TOPICS}, each naming a distinct topic
     * @return this builder
     * @throws RatingsConfigException if a delay is out of range or two delays name the same topic
     */
    public Builder retryTopics(Duration... delays) {
      Checks.notNull("retryTopics", delays);
      if (delays.length > MAX_RETRY_TOPICS) {
        throw new RatingsConfigException(
            "retryTopics takes at most " + MAX_RETRY_TOPICS + " delays but got " + delays.length);
      }
      List<Duration> list = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (Duration d : delays) {
        checkDelay(d);
        if (!names.add(TopicNames.delaySuffix(d))) {
          throw new RatingsConfigException(
              "retryTopics delays must name distinct topics but " + d + " is there twice");
        }
        list.add(d);
      }
      this.retryTopicDelays = list;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws RatingsConfigException if the longest backoff is below the initial one
     */
    public FailurePolicy build() {
      if (maxInterval.compareTo(initialInterval) < 0) {
        throw new RatingsConfigException(
            "maxInterval ("
                + maxInterval
                + ") must not be below initialInterval ("
                + initialInterval
                + ")");
      }
      return new FailurePolicy(this);
    }
  }
}
