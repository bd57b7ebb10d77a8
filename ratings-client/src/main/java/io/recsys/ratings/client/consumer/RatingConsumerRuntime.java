package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.client.internal.Checks;
import io.recsys.ratings.client.internal.LatencyRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs N consumers of one group in this process, each on its own thread, with a lifecycle a service
 * can manage: {@link #start()}, {@link #stop(Duration)} (drain, commit, leave the group), {@link
 * #awaitTermination(Duration)}, {@link #state()}, {@link #health()} and an optional JVM shutdown
 * hook.
 *
 * <p>Each member is a {@link RatingConsumer} built from the template builder, with its own {@code
 * client.id} ({@code <client.id>-<index>}, or {@code <groupId>-<index>} if the template sets none)
 * and either the template's handler (shared by every member: it must then be thread-safe) or one
 * from {@link Builder#handlerFactory(IntFunction)}. A member polls, handles and commits exactly as
 * {@link RatingConsumer#run()} does: the failure policy, dead letters, commits and stats are the
 * template's. A member that ends on its own (a failure policy that stops, an {@link Error} or an
 * exception escaping its run, its idle timeout) is reported in {@link #health()}, in {@link
 * #results()} and to the {@link RuntimeListener}; the other members go on and, once it has left the
 * group, take over its partitions.
 *
 * <pre>{@code
 * RatingConsumerRuntime runtime =
 *     RatingConsumerRuntime.builder(RatingConsumer.builder()
 *             .bootstrapServers("localhost:9092")
 *             .groupId("recommender")
 *             .deadLetterTopic())
 *         .concurrency(3)
 *         .handlerFactory(member -> new ModelUpdater())
 *         .shutdownHook(true)
 *         .build();
 * runtime.start();
 * }</pre>
 *
 * <p>Member threads ({@code ratings-consumer-<name>}) are not daemon threads: the JVM stays up
 * while members run. All methods are thread-safe.
 */
public final class RatingConsumerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RatingConsumerRuntime.class);

  /** The default {@link Builder#stopTimeout(Duration)}: 30 s. */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

  /** The most members a runtime may have. */
  public static final int MAX_CONCURRENCY = 256;

  private final int concurrency;
  private final String baseName;
  private final BiFunction<String, RatingHandler, RatingConsumer> memberFactory;
  private final IntFunction<? extends RatingHandler> handlerFactory; // null: the template's
  private final boolean useShutdownHook;
  private final Duration stopTimeout;
  private final RuntimeListener listener;

  private final Object lock = new Object();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile ConsumerState state = ConsumerState.NEW; // written under lock
  private volatile List<Member> members = List.of(); // set once, under lock
  private int ended; // under lock
  private Thread hook; // under lock

  private RatingConsumerRuntime(Builder b, String baseName) {
    this.concurrency = b.concurrency;
    this.baseName = baseName;
    this.memberFactory = b.memberFactory;
    this.handlerFactory = b.handlerFactory;
    this.useShutdownHook = b.shutdownHook;
    this.stopTimeout = b.stopTimeout;
    this.listener = b.listener;
  }

  /**
   * A builder of a runtime whose members are built from a consumer builder.
   *
   * @param template the consumer settings every member shares (group, topic, failure policy, dead
   *     letters, stats...); its handler is the members' unless {@link Builder#handlerFactory} is
   *     set. The runtime reads it when it starts; later changes to it are not seen.
   * @return a new builder
   * @throws RatingsConfigException if the template is null
   */
  public static Builder builder(RatingConsumerBuilder template) {
    return new Builder(Checks.notNull("template", template));
  }

  /**
   * Creates the members' consumers and starts one thread per member; returns once the threads are
   * started (they then join the group, get their partitions and consume). Calling it again while
   * starting or running does nothing.
   *
   * @throws IllegalStateException if the runtime was stopped or has ended: a runtime runs once
   * @throws io.recsys.ratings.client.RatingsClientException if a member's consumer cannot be
   *     created (the ones already created are closed, and the runtime is {@code FAILED})
   */
  public void start() {
    List<Member> created = new ArrayList<>(concurrency);
    synchronized (lock) {
      if (state == ConsumerState.STARTING || state == ConsumerState.RUNNING) {
        return;
      }
      if (state != ConsumerState.NEW) {
        throw new IllegalStateException(
            "start() on a RatingConsumerRuntime that is " + state + "; a runtime runs once");
      }
      transition(ConsumerState.STARTING);
      try {
        for (int i = 0; i < concurrency; i++) {
          RatingHandler handler = null;
          if (handlerFactory != null) {
            handler = handlerFactory.apply(i);
            if (handler == null) {
              throw new RatingsConfigException("handlerFactory returned null for member " + i);
            }
          }
          String name = baseName + "-" + i;
          created.add(new Member(i, name, memberFactory.apply(name, handler)));
        }
      } catch (RuntimeException e) {
        created.forEach(m -> m.consumer.close());
        transition(ConsumerState.FAILED);
        terminated.countDown();
        throw e;
      }
      members = List.copyOf(created);
      if (useShutdownHook) {
        hook = new Thread(this::onShutdown, "ratings-runtime-shutdown-" + baseName);
        Runtime.getRuntime().addShutdownHook(hook);
      }
      for (Member m : created) {
        m.thread.start();
      }
      transition(ConsumerState.RUNNING);
      LOG.info("RatingConsumerRuntime '{}' started {} member(s)", baseName, concurrency);
    }
  }

  /**
   * Asks every member to stop and waits at most the builder's {@link Builder#stopTimeout(Duration)
   * stop timeout}; see {@link #stop(Duration)}.
   *
   * @return true if every member ended within the timeout
   */
  public boolean stop() {
    return stop(stopTimeout);
  }

  /**
   * Asks every member to stop, then waits at most {@code timeout} for them to end. Each member
   * finishes the record its handler has in hand (never interrupted), commits every record done,
   * closes its Kafka clients and so leaves the group; records of its poll batch not yet handled are
   * not committed and are read again by the group. {@code stop(Duration.ZERO)} only asks. Calling
   * it again (or on a runtime that has ended) waits again; on a runtime never started it ends it.
   * Removes the shutdown hook.
   *
   * <p>The time a member needs is the rest of its current handler call plus its final commit and
   * close (each bounded by the template's close timeout). A member still busy when the timeout
   * passes goes on draining in the background; {@link #awaitTermination} waits for it.
   *
   * @param timeout how long to wait, zero or more
   * @return true if every member ended within the timeout
   * @throws RatingsConfigException if the timeout is null or negative
   */
  public boolean stop(Duration timeout) {
    Checks.duration("timeout", timeout, Duration.ZERO, Duration.ofDays(1));
    synchronized (lock) {
      switch (state) {
        case NEW -> {
          transition(ConsumerState.STOPPED);
          terminated.countDown();
        }
        case RUNNING -> {
          transition(ConsumerState.STOPPING);
          for (Member m : members) {
            m.consumer.wakeup();
          }
        }
        default -> {
          // STARTING cannot be seen here (start holds the lock); stopping or ended: just wait
        }
      }
    }
    boolean done = awaitTermination(timeout);
    removeShutdownHook();
    return done;
  }

  /**
   * Waits until every member has ended (the runtime is {@link ConsumerState#STOPPED} or {@link
   * ConsumerState#FAILED}). Returns false at once if the thread is interrupted (the interrupt is
   * kept).
   *
   * @param timeout how long to wait at most
   * @return true if the runtime has ended
   */
  public boolean awaitTermination(Duration timeout) {
    Checks.duration("timeout", timeout, Duration.ZERO, Duration.ofDays(365));
    try {
      return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return terminated.getCount() == 0;
    }
  }

  /**
   * The runtime's state.
   *
   * @return the state
   */
  public ConsumerState state() {
    return state;
  }

  /**
   * The runtime's health and each member's: state, assignment, partitions with lag, time since its
   * last poll, last error. Cheap, no broker call.
   *
   * @return a snapshot
   */
  public ConsumerHealth health() {
    ConsumerState s = state;
    List<ConsumerHealth.Member> list = new ArrayList<>();
    for (Member m : members) {
      list.add(m.health());
    }
    return ConsumerHealth.of(s, list);
  }

  /**
   * The members' stats added up: counts are sums, and the latency percentiles are those of all the
   * members' values together (their histograms are merged, so they are exact to the histogram's
   * three significant digits). Live while running (latencies up to 100 ms late, as for one
   * consumer), final once ended.
   *
   * @return a snapshot
   */
  public ConsumerStats stats() {
    List<Member> ms = members;
    if (ms.size() == 1) {
      return ms.get(0).consumer.stats();
    }
    List<ConsumerStats> all = new ArrayList<>(ms.size());
    Histogram event = new Histogram(3);
    Histogram record = new Histogram(3);
    boolean exact = true;
    for (Member m : ms) {
      all.add(m.consumer.stats());
      if (m.consumer instanceof KafkaRatingConsumer k) {
        k.addLatenciesTo(event, record);
      } else {
        exact = false; // a consumer of a test's own making: only its summary is known
      }
    }
    if (!exact) {
      return CombinedStats.of(all);
    }
    return CombinedStats.of(
        all, LatencyRecorder.summarize(event), LatencyRecorder.summarize(record));
  }

  /**
   * The Kafka consumer metrics of every member together (each member's carry its own {@code
   * client-id} tag, so none hides another's), for a binding such as Micrometer's {@code
   * KafkaClientMetrics}: what {@link RatingConsumer#kafkaMetrics()} is for one consumer. Empty
   * before {@link #start()}.
   *
   * @return a read-only snapshot of the members' metrics (their values stay live)
   */
  public Map<MetricName, Metric> kafkaMetrics() {
    Map<MetricName, Metric> all = new HashMap<>();
    for (Member m : members) {
      all.putAll(m.consumer.kafkaMetrics());
    }
    return Collections.unmodifiableMap(all);
  }

  /**
   * How each member that has ended did, in member order: all of them once the runtime has ended.
   *
   * @return the results
   */
  public List<MemberResult> results() {
    List<MemberResult> all = new ArrayList<>();
    for (Member m : members) {
      MemberResult r = m.result;
      if (r != null) {
        all.add(r);
      }
    }
    return List.copyOf(all);
  }

  /**
   * The number of members.
   *
   * @return the concurrency the runtime was built with
   */
  public int concurrency() {
    return concurrency;
  }

  /** {@link #stop()}: stops and waits at most the stop timeout. */
  @Override
  public void close() {
    if (!stop()) {
      LOG.warn(
          "RatingConsumerRuntime '{}': members still draining after the stop timeout of {}",
          baseName,
          stopTimeout);
    }
  }

  /** The registered shutdown hook, or null: for tests. */
  Thread shutdownHook() {
    synchronized (lock) {
      return hook;
    }
  }

  private void onShutdown() {
    LOG.info("JVM shutdown: stopping RatingConsumerRuntime '{}'", baseName);
    stop(stopTimeout);
  }

  private void removeShutdownHook() {
    Thread h;
    synchronized (lock) {
      h = hook;
      hook = null;
    }
    if (h == null || h == Thread.currentThread()) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(h);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting: the hook runs (or ran) and stops this runtime
    }
  }

  /** Under the lock. */
  private void transition(ConsumerState to) {
    ConsumerState from = state;
    state = to;
    try {
      listener.onStateChange(from, to);
    } catch (RuntimeException e) {
      LOG.warn("RuntimeListener.onStateChange threw; ignored", e);
    }
  }

  private void memberEnded(Member m, MemberResult result) {
    m.result = result;
    if (!result.isOk()) {
      LOG.error(
          "Member '{}' of RatingConsumerRuntime '{}' failed: {}{}",
          m.name,
          baseName,
          result.error().map(e -> e.type() + ": " + e.message()).orElse("(no detail)"),
          state == ConsumerState.RUNNING ? "; the other members go on" : "");
    }
    try {
      listener.onMemberEnded(result);
    } catch (RuntimeException e) {
      LOG.warn("RuntimeListener.onMemberEnded threw; ignored", e);
    }
    boolean last;
    synchronized (lock) {
      last = ++ended == members.size();
      if (last) {
        boolean anyFailed = false;
        for (Member x : members) {
          anyFailed |= !x.result.isOk();
        }
        transition(anyFailed ? ConsumerState.FAILED : ConsumerState.STOPPED);
        terminated.countDown();
      }
    }
    if (last) {
      removeShutdownHook();
      LOG.info("RatingConsumerRuntime '{}' ended: {}", baseName, state);
    }
  }

  /** One member: its consumer and thread. */
  private final class Member {
    final int index;
    final String name;
    final RatingConsumer consumer;
    final Thread thread;
    volatile MemberResult result;

    Member(int index, String name, RatingConsumer consumer) {
      this.index = index;
      this.name = name;
      this.consumer = consumer;
      this.thread = new Thread(this::run, "ratings-consumer-" + name);
    }

    private void run() {
      ConsumerResult r = null;
      Throwable thrown = null;
      try {
        r = consumer.run();
      } catch (Throwable t) { // an Error from the handler, or a fatal exception: reported
        thrown = t;
        LOG.error("Member '{}' died", name, t);
      }
      Optional<ConsumerHealth.LastError> error = Optional.empty();
      if (thrown != null) {
        error = Optional.of(ConsumerHealth.LastError.of(thrown));
      } else if (!r.isOk()) {
        error = Optional.of(ConsumerHealth.LastError.of(r.stopReason().name(), r.detail()));
      }
      ConsumerState end = error.isPresent() ? ConsumerState.FAILED : ConsumerState.STOPPED;
      memberEnded(
          this,
          new MemberResult(index, name, end, Optional.ofNullable(r), error, consumer.stats()));
    }

    ConsumerHealth.Member health() {
      MemberResult r = result;
      ConsumerHealth.Member h =
          consumer instanceof KafkaRatingConsumer k
              ? k.memberHealth(name)
              : new ConsumerHealth.Member(
                  name, ConsumerState.RUNNING, true, List.of(), Optional.empty(), Optional.empty());
      if (r != null) {
        return h.with(r.state(), r.error().orElse(null));
      }
      if (state == ConsumerState.STOPPING && h.state() == ConsumerState.RUNNING) {
        return h.with(ConsumerState.STOPPING, null);
      }
      return h;
    }
  }

  /**
   * Builds a {@link RatingConsumerRuntime}. Each setter checks its value at once. Defaults:
   * concurrency 1, the template's handler shared by every member, no shutdown hook, stop timeout
   * {@link #DEFAULT_STOP_TIMEOUT}, no listener.
   */
  public static final class Builder {
    private final RatingConsumerBuilder template;
    private int concurrency = 1;
    private IntFunction<? extends RatingHandler> handlerFactory;
    private boolean shutdownHook;
    private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
    private RuntimeListener listener = new RuntimeListener() {};
    private BiFunction<String, RatingHandler, RatingConsumer> memberFactory;

    private Builder(RatingConsumerBuilder template) {
      this.template = template;
      this.memberFactory = template::buildMember;
    }

    /**
     * The number of consumers (members of the group), each on its own thread. More members than
     * partitions leaves some without a partition (idle, but ready to take over).
     *
     * @param concurrency 1 to {@value RatingConsumerRuntime#MAX_CONCURRENCY}
     * @return this builder
     * @throws RatingsConfigException if out of range
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = (int) Checks.range("concurrency", concurrency, 1, MAX_CONCURRENCY);
      return this;
    }

    /**
     * One handler shared by every member: it is called from several threads at once and must be
     * thread-safe. Replaces the template's handler.
     *
     * @param handler the handler
     * @return this builder
     * @throws RatingsConfigException if null
     */
    public Builder handler(RatingHandler handler) {
      Checks.notNull("handler", handler);
      this.handlerFactory = index -> handler;
      return this;
    }

    /**
     * A handler per member, created when the runtime starts: {@code index} is the member's, {@code
     * 0 .. concurrency - 1}. Each handler is called from its member's thread only.
     *
     * @param factory returns a non-null handler for each index
     * @return this builder
     * @throws RatingsConfigException if null
     */
    public Builder handlerFactory(IntFunction<? extends RatingHandler> factory) {
      this.handlerFactory = Checks.notNull("handlerFactory", factory);
      return this;
    }

    /**
     * Whether {@link #start()} registers a JVM shutdown hook that stops the runtime (waiting at
     * most the stop timeout), so that Ctrl+C or SIGTERM drains the members; {@link #stop(Duration)}
     * and the runtime's end remove it. Off by default.
     *
     * @param register whether to register it
     * @return this builder
     */
    public Builder shutdownHook(boolean register) {
      this.shutdownHook = register;
      return this;
    }

    /**
     * How long {@link #stop()}, {@link #close()} and the shutdown hook wait for the members to
     * drain (default 30 s).
     *
     * @param timeout between 0 and 1 hour
     * @return this builder
     * @throws RatingsConfigException if out of range
     */
    public Builder stopTimeout(Duration timeout) {
      this.stopTimeout =
          Checks.duration("stopTimeout", timeout, Duration.ZERO, Duration.ofHours(1));
      return this;
    }

    /**
     * Hears about state changes and members that end.
     *
     * @param listener the listener
     * @return this builder
     * @throws RatingsConfigException if null
     */
    public Builder listener(RuntimeListener listener) {
      this.listener = Checks.notNull("listener", listener);
      return this;
    }

    /** Builds members with another factory than the template (tests with Kafka's mocks). */
    Builder memberFactory(BiFunction<String, RatingHandler, RatingConsumer> factory) {
      this.memberFactory = factory;
      return this;
    }

    /**
     * Checks the template's settings and builds the runtime (no consumer is created yet).
     *
     * @return the runtime, {@link ConsumerState#NEW}
     * @throws RatingsConfigException if a setting of the template is missing or invalid
     */
    public RatingConsumerRuntime build() {
      return new RatingConsumerRuntime(this, template.memberBaseName());
    }
  }
}
