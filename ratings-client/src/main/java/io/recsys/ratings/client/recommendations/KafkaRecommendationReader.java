package io.recsys.ratings.client.recommendations;

import io.recsys.ratings.client.internal.Daemons;
import io.recsys.ratings.client.internal.KafkaClientCompat;
import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationDecodeResult;
import io.recsys.ratings.schema.RecommendationEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka-backed {@link RecommendationReader}: one daemon thread owns the consumer (manual
 * assignment, no group, nothing committed); the lists live in a concurrent map read by any thread.
 */
final class KafkaRecommendationReader implements RecommendationReader {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaRecommendationReader.class);

  /** While the topic has no partitions (it does not exist yet), it is looked for this often. */
  static final Duration MISSING_TOPIC_RETRY = Duration.ofSeconds(2);

  /** The pause after a failed poll or metadata call before the next try. */
  static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);

  /** The bound of one metadata call (partitions, end offsets, a position). */
  static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final ReaderSettings settings;
  private final Consumer<byte[], byte[]> consumer;
  private final RecommendationCodec codec;
  private final Map<Integer, RecommendationEvent> lists = new ConcurrentHashMap<>();
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CountDownLatch caughtUpOrEnded = new CountDownLatch(1);
  private final CountDownLatch stop = new CountDownLatch(1);
  private final SkipLog skipLog = new SkipLog(LOG);

  private final AtomicLong records = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong tombstones = new AtomicLong();
  private final AtomicLong invalid = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private volatile int partitionCount;
  private volatile boolean caughtUp;
  private volatile Thread thread;

  // owned by the reader thread
  private final Set<TopicPartition> assigned = new HashSet<>();
  private Map<TopicPartition, Long> remaining;

  KafkaRecommendationReader(ReaderSettings settings, Consumer<byte[], byte[]> consumer) {
    this.settings = settings;
    this.consumer = consumer;
    this.codec = RecommendationCodec.of(settings.validator());
  }

  static KafkaRecommendationReader create(ReaderSettings settings) {
    Consumer<byte[], byte[]> consumer;
    try {
      consumer = new KafkaConsumer<>(settings.consumerProperties());
    } catch (KafkaException e) {
      throw KafkaProperties.creationFailed("consumer", e, settings.consumerProperties());
    }
    return new KafkaRecommendationReader(settings, consumer);
  }

  @Override
  public void start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException(
          "start() can be called once per RecommendationReader; this one is " + state.get());
    }
    Thread t = new Thread(this::run, "ratings-recommendation-reader-" + settings.topic());
    t.setDaemon(true);
    thread = t;
    LOG.info("RecommendationReader starting: {}", settings);
    t.start();
  }

  @Override
  public boolean awaitCaughtUp(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (state.get() == State.NEW) {
      throw new IllegalStateException("awaitCaughtUp() needs a started reader: call start() first");
    }
    try {
      caughtUpOrEnded.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return caughtUp;
  }

  @Override
  public boolean isCaughtUp() {
    return caughtUp;
  }

  @Override
  public Optional<RecommendationEvent> recommendationsFor(int userId) {
    return Optional.ofNullable(lists.get(userId));
  }

  @Override
  public int size() {
    return lists.size();
  }

  @Override
  public RecommendationReaderStats stats() {
    return new RecommendationReaderStats(
        records.get(),
        updates.get(),
        tombstones.get(),
        invalid.get(),
        malformed.get(),
        lists.size(),
        partitionCount,
        caughtUp);
  }

  @Override
  public void close() {
    State before = state.getAndSet(State.CLOSED);
    if (before == State.CLOSED) {
      return;
    }
    stop.countDown();
    if (before == State.NEW) {
      closeConsumer();
      caughtUpOrEnded.countDown();
      return;
    }
    consumer.wakeup();
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      long waitMs = settings.closeTimeout().toMillis() + Daemons.CLOSE_GRACE_MILLIS;
      try {
        t.join(Math.max(1, waitMs));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        LOG.warn("RecommendationReader thread did not stop within {} ms", waitMs);
      }
    }
  }

  private boolean running() {
    return state.get() == State.RUNNING;
  }

  private void run() {
    long nextDiscovery = System.nanoTime();
    try {
      while (running()) {
        try {
          if (System.nanoTime() - nextDiscovery >= 0) {
            discoverPartitions();
            Duration next =
                assigned.isEmpty()
                    ? min(MISSING_TOPIC_RETRY, settings.partitionDiscoveryInterval())
                    : settings.partitionDiscoveryInterval();
            nextDiscovery = System.nanoTime() + next.toNanos();
          }
          if (assigned.isEmpty()) {
            pause(min(MISSING_TOPIC_RETRY, settings.partitionDiscoveryInterval()));
            continue;
          }
          if (remaining == null && !caughtUp) {
            captureEndOffsets();
          }
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(settings.pollTimeout())) {
            apply(r);
          }
          if (!caughtUp) {
            checkCaughtUp();
          }
        } catch (WakeupException e) {
          // close() asked to stop; the loop condition ends the thread
        } catch (KafkaException e) {
          if (running()) {
            skipLog.problem(
                "RecommendationReader: reading "
                    + settings.topic()
                    + " failed, trying again: "
                    + KafkaProperties.scrub(String.valueOf(e.getMessage())));
            pause(ERROR_BACKOFF);
          }
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.error(
          "RecommendationReader stopped on an unexpected error: {}",
          KafkaProperties.scrub(String.valueOf(e)));
      throw e;
    } finally {
      closeConsumer();
      caughtUpOrEnded.countDown();
    }
  }

  private void closeConsumer() {
    Daemons.closeBounded(
        "recommendation reader",
        () -> KafkaClientCompat.close(consumer, settings.closeTimeout()),
        settings.closeTimeout());
  }

  /** Assigns partitions not assigned yet, each from its beginning. */
  private void discoverPartitions() {
    List<PartitionInfo> infos = consumer.partitionsFor(settings.topic(), METADATA_TIMEOUT);
    List<TopicPartition> added = new ArrayList<>();
    if (infos != null) {
      for (PartitionInfo info : infos) {
        TopicPartition tp = new TopicPartition(info.topic(), info.partition());
        if (!assigned.contains(tp)) {
          added.add(tp);
        }
      }
    }
    if (added.isEmpty()) {
      if (assigned.isEmpty()) {
        skipLog.problem(
            "RecommendationReader: topic "
                + settings.topic()
                + " has no partitions (does it exist?); looking again");
      }
      return;
    }
    Set<TopicPartition> all = new HashSet<>(assigned);
    all.addAll(added);
    consumer.assign(all);
    consumer.seekToBeginning(added);
    assigned.addAll(added);
    partitionCount = assigned.size();
    if (remaining != null) {
      LOG.info(
          "RecommendationReader: new partition(s) {} of {}, read from the beginning",
          added,
          settings.topic());
    }
  }

  /**
   * Once, for the partitions of the first assignment, before the first poll: the end offsets to
   * catch up with. The loop calls it again after a failed attempt (a timeout leaves {@code
   * remaining} null).
   */
  private void captureEndOffsets() {
    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, METADATA_TIMEOUT);
    remaining = new HashMap<>(ends);
    LOG.info(
        "RecommendationReader: reading {} partition(s) of {} from the beginning, {} record(s)"
            + " or fewer to catch up",
        assigned.size(),
        settings.topic(),
        ends.values().stream().mapToLong(Long::longValue).sum());
  }

  private void checkCaughtUp() {
    if (remaining == null) {
      return;
    }
    remaining
        .entrySet()
        .removeIf(e -> consumer.position(e.getKey(), METADATA_TIMEOUT) >= e.getValue());
    if (remaining.isEmpty()) {
      caughtUp = true;
      caughtUpOrEnded.countDown();
      LOG.info(
          "RecommendationReader caught up with {}: {} user(s) from {} record(s)",
          settings.topic(),
          lists.size(),
          records.get());
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    records.incrementAndGet();
    Integer keyUser = userIdOf(r.key());
    byte[] value = r.value();
    if (value == null) {
      if (keyUser == null) {
        malformed.incrementAndGet();
        skipLog.skip(r, "a tombstone whose key is not a userId");
      } else {
        lists.remove(keyUser);
        tombstones.incrementAndGet();
      }
      return;
    }
    RecommendationDecodeResult result = codec.decode(value);
    if (result instanceof RecommendationDecodeResult.Valid valid) {
      RecommendationEvent event = valid.event();
      if (keyUser != null && keyUser != event.userId()) {
        invalid.incrementAndGet();
        skipLog.skip(r, "key " + keyUser + " is not the event's userId " + event.userId());
      } else {
        lists.put(event.userId(), event);
        updates.incrementAndGet();
      }
    } else if (result instanceof RecommendationDecodeResult.Invalid bad) {
      invalid.incrementAndGet();
      skipLog.skip(r, "invalid " + bad.violations());
    } else if (result instanceof RecommendationDecodeResult.Malformed bad) {
      malformed.incrementAndGet();
      skipLog.skip(r, "malformed: " + bad.reason());
    }
  }

  /** The userId of a key (a decimal string), or null if it is none. */
  static Integer userIdOf(byte[] key) {
    if (key == null || key.length == 0 || key.length > 11) {
      return null;
    }
    try {
      return Integer.valueOf(new String(key, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void pause(Duration d) {
    try {
      stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state.set(State.CLOSED);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public String toString() {
    return "RecommendationReader{" + settings + ", " + stats() + "}";
  }
}
