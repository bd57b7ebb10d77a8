package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.RetriableRatingsClientException;
import io.recsys.ratings.client.consumer.ConsumerResult.StopReason;
import io.recsys.ratings.client.internal.Daemons;
import io.recsys.ratings.client.internal.KafkaClientCompat;
import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.client.internal.RateLimitedWarn;
import io.recsys.ratings.client.internal.RecordTracer;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka-backed {@link RatingConsumer}.
 *
 * <p>The happy path (a valid record, the handler returns) costs what it did before the failure
 * policy existed: one decode check, the handler call inside a {@code try}, a counter. Everything
 * else (retries, paused partitions, retry topics, dead letters, topic checks) runs only when a
 * record fails or on a timer.
 */
final class KafkaRatingConsumer implements RatingConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaRatingConsumer.class);
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** PIPELINED: batches that may wait for an unanswered commit before a synchronous one. */
  private static final int MAX_BATCHES_BEHIND = 2;

  /** Sends of one dead letter (or retry-topic record) for failures retrying may fix. */
  private static final int MAX_PUBLISH_SENDS = 3;

  /** The bound of the topic check a rebalance makes before it commits. */
  private static final long REBALANCE_CHECK_MS = 3_000;

  private static final DecodeResult NULL_VALUE =
      new DecodeResult.Malformed("null value (tombstone)");

  private enum State {
    NEW,
    RUNNING,
    DONE
  }

  private final ConsumerSettings settings;
  private final Consumer<?, ?> consumer; // values RatingEvent/DecodedValue (ours) or byte[]
  private final Producer<byte[], byte[]> deadLetters; // also publishes to retry topics
  private final RatingCodec codec;
  private final RatingHandler handler;
  private final ConsumerStatsListener statsListener;
  private final ConsumerObserver observer; // null: none
  private final RecordTracer tracer; // null: tracing off
  private final String groupId;
  private final ConsumerStatsRecorder stats = new ConsumerStatsRecorder();
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final FailurePolicy policy;
  private final FailurePolicy.Recoverer recoverer;
  private final List<String> retryTopics;
  private final long[] retryDelayMs;
  private final TopicChecks checks; // null around given clients
  private final long maxRequestSize;
  private final long publishWaitMs;
  private final long maxMessages;
  private final RateLimitedWarn failureLog = new RateLimitedWarn(LOG, 10, 10, TimeUnit.SECONDS);
  private volatile boolean stopRequested;
  private volatile Thread runThread;

  // health: written by the run thread, read from any thread
  private volatile Set<TopicPartition> assignedNow = Set.of();
  private volatile boolean everAssigned;
  private volatile long lastPollNanos;
  private volatile boolean failed;
  private volatile ConsumerHealth.LastError lastError;
  private StatsPublication publication; // set before run(), null if stats are not published

  // touched only by the thread running run()
  private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
  private final List<InFlight> deadLettersInFlight = new ArrayList<>();
  private final Set<TopicPartition> resetDone = new HashSet<>();
  private final Map<TopicPartition, OffsetAndMetadata> lastSent = new HashMap<>();
  private final Map<TopicPartition, Waiting> waiting = new HashMap<>(); // paused partitions
  private Map<TopicPartition, OffsetAndMetadata> asyncInFlight; // the PIPELINED commit not yet done
  private int batchesBehind; // PIPELINED: batches processed while a commit was in flight
  private long processed;
  private long nextStatsNanos;
  private long nextProgressNanos;
  private boolean finalCommit;
  private FailedRecord stopFailure;
  private String stopDetail = "";

  /**
   * Creates the consumer, its topic checks and, with a dead-letter topic or retry topics, its
   * producer.
   *
   * @param settings the validated settings
   */
  public KafkaRatingConsumer(ConsumerSettings settings) {
    this(settings, createConsumer(settings), createDeadLetterProducer(settings), true);
  }

  /**
   * Creates the consumer around given Kafka clients (no start-up checks, no topic watch).
   *
   * @param settings the validated settings
   * @param consumer the Kafka consumer: keys {@code byte[]} or {@code ByteBuffer}, values {@code
   *     byte[]} (decoded here) or what {@link RatingValueDeserializer} delivers (a {@link
   *     RatingEvent} or a {@link DecodedValue})
   * @param deadLetters the producer of dead letters and retry-topic records, null if neither
   */
  public KafkaRatingConsumer(
      ConsumerSettings settings, Consumer<?, ?> consumer, Producer<byte[], byte[]> deadLetters) {
    this(settings, consumer, deadLetters, false);
  }

  private KafkaRatingConsumer(
      ConsumerSettings settings,
      Consumer<?, ?> consumer,
      Producer<byte[], byte[]> deadLetters,
      boolean withChecks) {
    this.settings = settings;
    this.consumer = consumer;
    this.deadLetters = settings.publishes() ? deadLetters : null;
    this.codec = RatingCodec.of(settings.validator());
    this.handler = settings.handler();
    this.statsListener = settings.statsListener();
    this.observer = settings.observer();
    this.tracer = settings.tracer();
    Object group = settings.consumerProperties().get(ConsumerConfig.GROUP_ID_CONFIG);
    this.groupId = group == null ? null : String.valueOf(group);
    this.policy = settings.failurePolicy();
    this.recoverer = policy.recovererFor(settings.deadLetterTopic() != null);
    this.retryTopics = settings.retryTopics();
    this.retryDelayMs = policy.retryTopicDelays().stream().mapToLong(Duration::toMillis).toArray();
    this.maxRequestSize = maxRequestSize(settings.deadLetterProperties());
    this.publishWaitMs = settings.deadLetterTimeout().toMillis() + 5_000;
    this.maxMessages = settings.maxMessages();
    TopicChecks c = null;
    if (withChecks) {
      try {
        c = TopicChecks.create(settings);
      } catch (RuntimeException e) {
        closeQuietly(consumer, deadLetters);
        throw e;
      }
    }
    this.checks = c;
    LOG.debug("RatingConsumer created: {}", settings);
  }

  private static long maxRequestSize(Map<String, Object> props) {
    Object v = props == null ? null : props.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    return v == null ? 1_048_576 : Long.parseLong(String.valueOf(v).trim());
  }

  private static void closeQuietly(Consumer<?, ?> consumer, Producer<byte[], byte[]> producer) {
    try {
      KafkaClientCompat.close(consumer, Duration.ZERO);
    } catch (RuntimeException e) {
      LOG.debug("close failed", e);
    }
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (RuntimeException e) {
        LOG.debug("close failed", e);
      }
    }
  }

  private static Consumer<ByteBuffer, Object> createConsumer(ConsumerSettings s) {
    try {
      return new KafkaConsumer<>(
          s.consumerProperties(),
          new ByteBufferDeserializer(),
          new RatingValueDeserializer(RatingCodec.of(s.validator())));
    } catch (KafkaException e) {
      throw KafkaProperties.creationFailed("consumer", e, s.consumerProperties());
    }
  }

  private static Producer<byte[], byte[]> createDeadLetterProducer(ConsumerSettings s) {
    if (!s.publishes()) {
      return null;
    }
    try {
      return new KafkaProducer<>(s.deadLetterProperties());
    } catch (KafkaException e) {
      throw KafkaProperties.creationFailed("dead-letter producer", e, s.deadLetterProperties());
    }
  }

  @Override
  public ConsumerResult run() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException(
          "run() can be called once per RatingConsumer; this one is " + state.get());
    }
    runThread = Thread.currentThread();
    StopReason reason = StopReason.STOPPED;
    RuntimeException failure = null;
    ConsumerStats last;
    if (publication != null) {
      publication.start(this::stats);
    }
    try {
      try {
        List<String> topics = new ArrayList<>();
        topics.add(settings.topic());
        topics.addAll(retryTopics);
        consumer.subscribe(topics, new Rebalance());
        reason = loop();
      } catch (WakeupException e) {
        reason = stopFailure != null ? StopReason.HANDLER_FAILED : StopReason.STOPPED;
      } catch (RuntimeException e) {
        failure = e;
      }
      try {
        if (failure == null) {
          finalCommit = true;
          commitPending();
        }
      } catch (RuntimeException e) {
        failure = e;
      }
      try {
        updateProgress();
      } catch (RuntimeException e) {
        LOG.debug("Could not read the final positions", e);
      }
    } catch (Error e) {
      lastError = ConsumerHealth.LastError.of(e);
      failed = true;
      throw e;
    } finally {
      // also on an Error thrown by the handler: never leave the clients open or close() waiting
      closeClients();
      if (failure != null) {
        lastError = ConsumerHealth.LastError.of(failure);
      }
      boolean ok =
          reason == StopReason.STOPPED
              || reason == StopReason.IDLE_TIMEOUT
              || reason == StopReason.MAX_MESSAGES;
      if (failure == null && !ok && reason != StopReason.HANDLER_FAILED) {
        lastError = ConsumerHealth.LastError.of(reason.name(), stopDetail);
      }
      failed |= failure != null || !ok;
      assignedNow = Set.of();
      state.set(State.DONE);
      stats.flushLatencies();
      last = stats.snapshot();
      publish(last);
      if (publication != null) {
        publication.close();
      }
      finished.countDown();
    }
    if (failure != null) {
      throw translate(failure);
    }
    if (reason == StopReason.HANDLER_FAILED && stopFailure != null) {
      return new ConsumerResult(
          reason,
          last,
          "The handler failed on "
              + stopFailure
              + "; the failure policy stopped the consumer without committing that record (a"
              + " restarted consumer reads it again)",
          Optional.of(stopFailure));
    }
    return new ConsumerResult(reason, last, stopDetail, Optional.empty());
  }

  private StopReason loop() {
    long lastRecordNanos = System.nanoTime();
    long idleNanos = settings.idleTimeout() == null ? -1 : settings.idleTimeout().toNanos();
    long max = settings.maxMessages();
    nextStatsNanos = System.nanoTime() + settings.statsInterval().toNanos();
    long commitIntervalNanos = settings.commitInterval().toNanos();
    boolean pipelined = settings.commitMode() == CommitMode.PIPELINED;
    long lastCommitNanos = System.nanoTime();
    boolean checking = checks != null;
    if (checking) {
      checks.start(System.nanoTime());
    }
    while (!stopRequested) {
      Duration pollTimeout = settings.pollTimeout();
      if (!waiting.isEmpty()) {
        long now = System.nanoTime();
        runDue(now);
        if (stopRequested) {
          break;
        }
        if (max > 0 && processed >= max) {
          return StopReason.MAX_MESSAGES;
        }
        lastRecordNanos = now; // records wait in paused partitions: not idle
        pollTimeout = untilDue(now, pollTimeout);
      }
      ConsumerRecords<?, ?> records;
      lastPollNanos = System.nanoTime();
      try {
        records = consumer.poll(pollTimeout);
      } catch (WakeupException e) {
        return stopFailure != null ? StopReason.HANDLER_FAILED : StopReason.STOPPED;
      }
      long now = System.nanoTime();
      if (checking) {
        StopReason stop = checks.startup(now, !records.isEmpty());
        if (stop != null) {
          stopDetail = checks.detail();
          LOG.warn("RatingConsumer stops: {}", stopDetail);
          return stop;
        }
        checking = !checks.startupDone();
      }
      if (records.isEmpty()) {
        if (!pending.isEmpty() || !deadLettersInFlight.isEmpty()) {
          commitPending(); // nothing new arrived: commit what a commit interval held back
        }
        housekeeping(now);
        if (idleNanos >= 0 && now - lastRecordNanos >= idleNanos) {
          if (checking) { // nothing arrived and the cluster has not answered the checks yet
            StopReason stop = checks.conclude(System.nanoTime());
            if (stop != null) {
              stopDetail = checks.detail();
              LOG.warn("RatingConsumer stops: {}", stopDetail);
              return stop;
            }
          }
          if (checks != null && checks.sourceMissing()) {
            stopDetail = checks.missingDetail();
            LOG.warn("RatingConsumer stops: {}", stopDetail);
            return StopReason.TOPIC_NOT_FOUND;
          }
          return StopReason.IDLE_TIMEOUT;
        }
        continue;
      }
      lastRecordNanos = now;
      processBatch(records, max, System.currentTimeMillis());
      if (stopFailure != null) {
        return StopReason.HANDLER_FAILED; // run() commits what is pending: up to the record
      }
      if (max > 0 && processed >= max) {
        return StopReason.MAX_MESSAGES; // run() commits what is pending
      }
      long afterBatch = System.nanoTime();
      if (afterBatch - lastCommitNanos >= commitIntervalNanos) {
        if (pipelined) {
          commitPipelined();
        } else {
          commitPending();
        }
        lastCommitNanos = afterBatch;
      }
      housekeeping(afterBatch);
    }
    return stopFailure != null ? StopReason.HANDLER_FAILED : StopReason.STOPPED;
  }

  /** Processes a poll batch; {@code receivedMs} is the receipt time of all its records. */
  private void processBatch(ConsumerRecords<?, ?> records, long max, long receivedMs) {
    for (TopicPartition tp : records.partitions()) {
      int retryIndex = retryDelayMs.length == 0 ? -1 : retryTopics.indexOf(tp.topic());
      processPartition(tp, records.records(tp), 0, max, receivedMs, retryIndex);
      if (stopRequested || (max > 0 && processed >= max)) {
        return;
      }
    }
  }

  /**
   * Processes a partition's records from index {@code from} in order, until one must wait for a
   * retry (it keeps the rest, which is processed once that record is done) or the consumer stops.
   */
  private void processPartition(
      TopicPartition tp,
      List<? extends ConsumerRecord<?, ?>> records,
      int from,
      long max,
      long receivedMs,
      int retryIndex) {
    ConsumerRecord<?, ?> last = null;
    for (int i = from, n = records.size(); i < n; i++) {
      ConsumerRecord<?, ?> r = records.get(i);
      if (stopRequested || (max > 0 && processed >= max)) {
        break;
      }
      if (retryIndex >= 0 && notDueYet(tp, r, retryIndex)) {
        break;
      }
      if (!process(r, receivedMs, retryIndex)) {
        Waiting w = waiting.get(tp);
        if (w != null && w.record == r) { // the records after it wait with it: order is kept
          w.rest = records;
          w.restFrom = i + 1;
        }
        break;
      }
      processed++;
      last = r;
    }
    if (last != null) {
      pending.put(tp, new OffsetAndMetadata(last.offset() + 1, last.leaderEpoch(), ""));
    }
  }

  /**
   * Whether a retry-topic record must wait for its delay; if so its partition is paused and set
   * back to it, and resumed when it is due.
   */
  private boolean notDueYet(TopicPartition tp, ConsumerRecord<?, ?> r, int retryIndex) {
    long nowMs = System.currentTimeMillis();
    long dueMs = r.timestamp() + retryDelayMs[retryIndex];
    if (r.timestamp() < 0 || dueMs <= nowMs) {
      return false;
    }
    Waiting w = new Waiting(null, null, retryIndex, 0, 0);
    w.dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(dueMs - nowMs);
    waiting.put(tp, w);
    consumer.pause(Set.of(tp));
    consumer.seek(tp, new OffsetAndMetadata(r.offset(), r.leaderEpoch(), ""));
    return true;
  }

  /**
   * Processes one record.
   *
   * @return true if it is done (handled, dead-lettered, forwarded, skipped), false if its partition
   *     now waits for a retry or the consumer stops on it
   */
  private boolean process(ConsumerRecord<?, ?> r, long nowMs, int retryIndex) {
    Object value = r.value();
    if (value instanceof RatingEvent event) { // valid, decoded by RatingValueDeserializer
      return processValid(r, event, nowMs, retryIndex);
    }
    DecodeResult decoded = decode(value);
    if (decoded instanceof DecodeResult.Valid valid) {
      return processValid(r, valid.event(), nowMs, retryIndex);
    }
    recordLatency(r.timestamp(), nowMs);
    if (decoded instanceof DecodeResult.Invalid invalid) {
      stats.count(RecordKind.INVALID);
      badRecord(r, RecordKind.INVALID, DeadLetters.reason(invalid.violations()), retryIndex);
    } else {
      stats.count(RecordKind.MALFORMED);
      badRecord(r, RecordKind.MALFORMED, ((DecodeResult.Malformed) decoded).reason(), retryIndex);
    }
    return true;
  }

  private boolean processValid(
      ConsumerRecord<?, ?> r, RatingEvent event, long nowMs, int retryIndex) {
    long recordTimestamp = r.timestamp(); // -1 if the record has none
    if (recordTimestamp == event.timestamp()) { // as RatingProducer writes them
      stats.eventAndRecordLatency(nowMs - recordTimestamp);
    } else {
      recordLatency(recordTimestamp, nowMs);
      stats.eventLatency(nowMs - event.timestamp());
    }
    if (retryIndex < 0) {
      stats.rating(event.rating()); // a retry-topic record was counted in its source topic
    }
    try {
      handle(r, event);
      stats.count(RecordKind.VALID);
      return true;
    } catch (Exception e) {
      int before = retryIndex < 0 ? 0 : intHeader(r, DeadLetterHeaders.ATTEMPTS, 0);
      long first =
          retryIndex < 0
              ? System.currentTimeMillis()
              : longHeader(r, DeadLetterHeaders.FIRST_FAILURE_TIME, System.currentTimeMillis());
      Waiting w = new Waiting(r, event, retryIndex, before, first);
      return handlerFailed(new TopicPartition(r.topic(), r.partition()), w, e);
    }
  }

  /** Calls the handler; with an observer or tracing, through {@link #handleObserved}. */
  private void handle(ConsumerRecord<?, ?> r, RatingEvent event) throws Exception {
    if (observer == null && tracer == null) {
      handler.handle(event, new RecordContext(r));
      return;
    }
    handleObserved(r, event);
  }

  /** Calls the handler in the record's trace (tracing on), timed and reported (an observer). */
  private void handleObserved(ConsumerRecord<?, ?> r, RatingEvent event) throws Exception {
    long start = System.nanoTime();
    try {
      if (tracer != null) {
        tracer.handle(r, groupId, () -> handler.handle(event, new RecordContext(r)));
      } else {
        handler.handle(event, new RecordContext(r));
      }
    } catch (Exception e) {
      observe(
          r, RecordOutcome.HANDLER_FAILED, RecordKind.PROCESSING_ERROR, System.nanoTime() - start);
      throw e;
    }
    observe(r, RecordOutcome.HANDLED, RecordKind.VALID, System.nanoTime() - start);
  }

  /** Reports a record to the observer, if there is one. */
  private void observe(ConsumerRecord<?, ?> r, RecordOutcome outcome, RecordKind kind, long nanos) {
    if (observer == null) {
      return;
    }
    try {
      observer.onRecord(r.topic(), r.partition(), outcome, kind, nanos);
    } catch (RuntimeException e) {
      LOG.warn("ConsumerObserver threw; ignored", e);
    }
  }

  /**
   * Applies the failure policy to a failed handler call.
   *
   * @return true if the record is done (dead-lettered, forwarded or skipped), false if its
   *     partition waits for a retry or the consumer stops on it
   */
  private boolean handlerFailed(TopicPartition tp, Waiting w, Exception e) {
    w.attempts++;
    ConsumerRecord<?, ?> r = w.record;
    stats.handlerFailure();
    lastError = ConsumerHealth.LastError.of(e);
    boolean retryable = policy.isRetryable(e);
    int total = w.attemptsBefore + w.attempts;
    failureLog.warn(
        "Handler failed on {}-{}@{} (attempt {} here, {} in all): {}{}",
        r.topic(),
        r.partition(),
        r.offset(),
        w.attempts,
        total,
        DeadLetters.reason(e),
        retryable ? "" : " (not retryable)");
    if (!retryable) {
      stats.notRetryable();
      return recover(tp, w, e);
    }
    if (w.attempts < policy.maxAttempts()) {
      Duration backoff = policy.backoff(w.attempts);
      w.dueNanos = System.nanoTime() + backoff.toNanos();
      if (waiting.put(tp, w) == null) {
        consumer.pause(Set.of(tp)); // the loop keeps polling: no rebalance however long it waits
      }
      return false;
    }
    int next = w.retryIndex + 1;
    if (next < retryTopics.size()) {
      String target = retryTopics.get(next);
      DeadLetters.Failure f =
          new DeadLetters.Failure(
              RecordKind.PROCESSING_ERROR,
              DeadLetters.reason(e),
              e.getClass().getName(),
              total,
              w.firstFailureMs);
      ProducerRecord<byte[], byte[]> pr =
          DeadLetters.record(target, r, f, w.retryIndex >= 0, true, false);
      if (DeadLetters.estimatedSize(pr) <= maxRequestSize) {
        stats.count(RecordKind.PROCESSING_ERROR);
        publish(new InFlight(pr, r, f, w.retryIndex >= 0, true, false));
        return true;
      }
      LOG.warn(
          "{}-{}@{} is too large for retry topic '{}'; it goes to the recoverer",
          r.topic(),
          r.partition(),
          r.offset(),
          target);
    }
    return recover(tp, w, e);
  }

  private boolean recover(TopicPartition tp, Waiting w, Exception e) {
    ConsumerRecord<?, ?> r = w.record;
    int total = w.attemptsBefore + w.attempts;
    switch (recoverer) {
      case DEAD_LETTER -> {
        stats.count(RecordKind.PROCESSING_ERROR);
        deadLetter(
            r,
            new DeadLetters.Failure(
                RecordKind.PROCESSING_ERROR,
                DeadLetters.reason(e),
                e.getClass().getName(),
                total,
                w.firstFailureMs),
            w.retryIndex >= 0);
        return true;
      }
      case SKIP -> {
        stats.count(RecordKind.PROCESSING_ERROR);
        stats.skipped();
        observe(r, RecordOutcome.SKIPPED, RecordKind.PROCESSING_ERROR, -1);
        LOG.warn(
            "Skipped {}-{}@{} after {} failed attempt(s) (failure policy SKIP): {}",
            r.topic(),
            r.partition(),
            r.offset(),
            total,
            DeadLetters.reason(e));
        return true;
      }
      default -> {
        stats.stopped();
        observe(r, RecordOutcome.STOPPED, RecordKind.PROCESSING_ERROR, -1);
        stopFailure =
            new FailedRecord(
                r.topic(),
                r.partition(),
                r.offset(),
                total,
                e.getClass().getName(),
                DeadLetters.cut(String.valueOf(e.getMessage())));
        LOG.error(
            "Handler failed for good on {}; the consumer stops without committing it (failure"
                + " policy STOP)",
            stopFailure,
            e);
        waiting.remove(tp);
        stopRequested = true;
        return false;
      }
    }
  }

  /** Retries the handler on records whose backoff is over; resumes partitions that are due. */
  private void runDue(long now) {
    List<TopicPartition> due = null;
    for (Map.Entry<TopicPartition, Waiting> e : waiting.entrySet()) {
      if (now - e.getValue().dueNanos >= 0) {
        if (due == null) {
          due = new ArrayList<>(2);
        }
        due.add(e.getKey());
      }
    }
    if (due == null) {
      return;
    }
    for (TopicPartition tp : due) {
      Waiting w = waiting.get(tp);
      if (w == null) {
        continue;
      }
      if (w.record == null) { // a retry-topic record whose delay is over: read it again
        waiting.remove(tp);
        consumer.resume(Set.of(tp));
        continue;
      }
      stats.retry();
      boolean done;
      try {
        handle(w.record, w.event);
        stats.count(RecordKind.VALID);
        stats.recoveredAfterRetry();
        done = true;
      } catch (Exception e) {
        done = handlerFailed(tp, w, e);
      }
      if (stopFailure != null) {
        return;
      }
      if (done) {
        ConsumerRecord<?, ?> r = w.record;
        pending.put(tp, new OffsetAndMetadata(r.offset() + 1, r.leaderEpoch(), ""));
        waiting.remove(tp);
        processed++;
        if (w.rest != null) {
          processPartition(
              tp, w.rest, w.restFrom, maxMessages, System.currentTimeMillis(), w.retryIndex);
        }
        if (stopFailure != null) {
          return;
        }
        if (!waiting.containsKey(tp)) {
          consumer.resume(Set.of(tp));
        }
      }
    }
  }

  private Duration untilDue(long now, Duration pollTimeout) {
    long next = Long.MAX_VALUE;
    for (Waiting w : waiting.values()) {
      next = Math.min(next, w.dueNanos - now);
    }
    return next >= pollTimeout.toNanos() ? pollTimeout : Duration.ofNanos(Math.max(0, next));
  }

  /**
   * A value {@link RatingValueDeserializer} did not deliver as a valid event, or raw bytes (a
   * caller's consumer).
   */
  private DecodeResult decode(Object value) {
    if (value instanceof DecodedValue d) {
      return d.result();
    }
    return value == null ? NULL_VALUE : codec.decode(RecordBytes.of(value));
  }

  private void recordLatency(long recordTimestamp, long nowMs) {
    if (recordTimestamp >= 0) {
      stats.recordLatency(nowMs - recordTimestamp);
    }
  }

  /** An invalid or malformed record: dead-lettered, or (no dead-letter topic) dropped. */
  private void badRecord(ConsumerRecord<?, ?> r, RecordKind kind, String reason, int retryIndex) {
    if (settings.deadLetterTopic() == null) {
      stats.dropped();
      observe(r, RecordOutcome.DROPPED, kind, -1);
      failureLog.warn(
          "{} record {}-{}@{} dropped (no dead-letter topic): {}",
          kind,
          r.topic(),
          r.partition(),
          r.offset(),
          DeadLetters.cut(reason));
      return;
    }
    deadLetter(r, DeadLetters.Failure.of(kind, reason), retryIndex >= 0);
  }

  private void deadLetter(ConsumerRecord<?, ?> r, DeadLetters.Failure f, boolean fromRetryTopic) {
    String topic = settings.deadLetterTopic();
    ProducerRecord<byte[], byte[]> pr =
        DeadLetters.record(topic, r, f, fromRetryTopic, false, false);
    boolean reduced = false;
    if (DeadLetters.estimatedSize(pr) > maxRequestSize) {
      pr = DeadLetters.record(topic, r, f, fromRetryTopic, false, true);
      reduced = true;
    }
    publish(new InFlight(pr, r, f, fromRetryTopic, false, reduced));
  }

  /** Sends a dead letter or retry-topic record; fails at once if the send failed at once. */
  private void publish(InFlight f) {
    f.future = deadLetters.send(f.record);
    f.sends = 1;
    deadLettersInFlight.add(f);
    if (f.future.isDone()) {
      // e.g. too large, or no metadata within max.block.ms: settle now rather than send the rest
      // of the batch into the same failure
      settle(f);
      f.settled = true;
    }
  }

  /**
   * Waits for a send; sends the reduced form of a record the broker or producer found too large,
   * sends again on a failure retrying may fix (at most {@link #MAX_PUBLISH_SENDS} sends), and
   * throws on anything else.
   */
  private void settle(InFlight f) {
    while (true) {
      try {
        f.future.get(publishWaitMs, TimeUnit.MILLISECONDS);
        if (f.toRetryTopic) {
          stats.sentToRetryTopic();
          observe(f.source, RecordOutcome.SENT_TO_RETRY_TOPIC, f.failure.kind(), -1);
        } else {
          stats.deadLettered(f.failure.kind(), f.reduced);
          observe(f.source, RecordOutcome.DEAD_LETTERED, f.failure.kind(), -1);
        }
        return;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RecordTooLargeException && !f.reduced && !f.toRetryTopic) {
          LOG.warn(
              "{}-{}@{} is too large to dead-letter as it is ({}); sending its reduced form",
              f.source.topic(),
              f.source.partition(),
              f.source.offset(),
              cause.getMessage());
          f.record =
              DeadLetters.record(
                  f.record.topic(), f.source, f.failure, f.sourceIsRetryTopic, false, true);
          f.reduced = true;
          resend(f);
        } else if (cause instanceof RetriableException
            && !(cause instanceof RecordTooLargeException)
            && f.sends < MAX_PUBLISH_SENDS) {
          LOG.warn(
              "Send of {}-{}@{} to '{}' failed ({}); sending it again",
              f.source.topic(),
              f.source.partition(),
              f.source.offset(),
              f.record.topic(),
              KafkaProperties.scrub(String.valueOf(cause)));
          resend(f);
        } else {
          throw publishFailed(f, cause);
        }
      } catch (java.util.concurrent.TimeoutException e) {
        throw publishFailed(f, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RatingsClientException("Interrupted while waiting for dead-letter sends", e);
      }
    }
  }

  private void resend(InFlight f) {
    f.sends++;
    f.future = deadLetters.send(f.record);
    deadLetters.flush();
  }

  private RatingsClientException publishFailed(InFlight f, Throwable cause) {
    pending.clear();
    String what =
        f.toRetryTopic
            ? "Send to retry topic '" + f.record.topic() + "'"
            : "Dead-letter send to '" + f.record.topic() + "'";
    return new RatingsClientException(
        what
            + " failed for "
            + f.source.topic()
            + "-"
            + f.source.partition()
            + "@"
            + f.source.offset()
            + " after "
            + f.sends
            + " send(s), so the offsets of this batch were not committed (its records will be"
            + " read again): "
            + KafkaProperties.scrub(String.valueOf(cause)),
        cause);
  }

  /**
   * Waits for the dead letters of the batch, then commits the processed offsets synchronously
   * (after an asynchronous commit still in flight, which the broker answers first).
   */
  private void commitPending() {
    awaitDeadLetters();
    if (pending.isEmpty() && asyncInFlight != null) {
      awaitAsyncCommit(); // its callback puts the offsets of a failed commit back into pending
    }
    if (pending.isEmpty()) {
      return;
    }
    lastSent.putAll(pending);
    batchesBehind = 0;
    try {
      try {
        commitSync();
      } catch (WakeupException e) {
        // a stop request arrived during the commit; the wakeup is used up, so commit again
        stopRequested = true;
        commitSync();
      }
    } catch (CommitFailedException | RebalanceInProgressException e) {
      LOG.warn(
          "Offset commit failed because the group rebalanced or this member left it; {}"
              + " partition(s) will be re-read from their last commit: {}",
          pending.size(),
          e.getMessage());
    } catch (RetriableException e) {
      if (finalCommit) {
        throw e;
      }
      // e.g. a topic deleted meanwhile: keep the offsets for the next commit, check the topics
      failureLog.warn(
          "Offset commit failed ({}); it is tried again with the next commit",
          KafkaProperties.scrub(e.getMessage()));
      if (checks != null) {
        checks.watchSoon();
      }
      return;
    }
    pending.clear();
  }

  /**
   * {@link CommitMode#PIPELINED}: waits for the dead letters of the batch, then sends the processed
   * offsets in an asynchronous commit and returns. While the previous commit is unanswered, the
   * batch rides with the next commit instead; after {@link #MAX_BATCHES_BEHIND} such batches the
   * loop commits synchronously (answered after the one in flight), so a crash re-delivers at most
   * {@code MAX_BATCHES_BEHIND + 1} poll batches however slow the coordinator is.
   */
  private void commitPipelined() {
    awaitDeadLetters();
    if (pending.isEmpty()) {
      return;
    }
    if (asyncInFlight != null) {
      if (++batchesBehind < MAX_BATCHES_BEHIND) {
        return;
      }
      commitPending(); // sent after the one in flight, on the same connection: answered after it
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(pending);
    pending.clear();
    lastSent.putAll(offsets);
    asyncInFlight = offsets;
    batchesBehind = 0;
    // MockConsumer and some consumers call the callback before commitAsync returns
    consumer.commitAsync(offsets, (committed, e) -> asyncCommitDone(offsets, e));
  }

  /** The callback of an asynchronous commit (on the run thread, inside poll or commitSync). */
  private void asyncCommitDone(Map<TopicPartition, OffsetAndMetadata> offsets, Exception e) {
    if (asyncInFlight == offsets) {
      asyncInFlight = null;
    }
    if (e == null) {
      return;
    }
    // Put an offset back unless a later commit already carried that partition (it supersedes
    // this one) or the partition is no longer ours; the next commit sends it again.
    Set<TopicPartition> assigned;
    try {
      assigned = consumer.assignment();
    } catch (RuntimeException closing) {
      assigned = Set.of(); // called back while the consumer closes: nothing left to commit
    }
    int retried = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> o : offsets.entrySet()) {
      TopicPartition tp = o.getKey();
      if (assigned.contains(tp)
          && o.getValue().equals(lastSent.get(tp))
          && pending.putIfAbsent(tp, o.getValue()) == null) {
        retried++;
      }
    }
    if (e instanceof RetriableException) {
      LOG.debug("Asynchronous offset commit failed; retried with the next commit", e);
      if (checks != null) {
        checks.watchSoon();
      }
    } else {
      LOG.warn(
          "Asynchronous offset commit failed ({}); {} partition(s) will be committed again with the"
              + " next commit, others re-read from their last commit",
          KafkaProperties.scrub(e.getMessage()),
          retried);
    }
  }

  /** Waits for the dead letters of the batch; throws (pending cleared) if one failed for good. */
  private void awaitDeadLetters() {
    if (deadLettersInFlight.isEmpty()) {
      return;
    }
    try {
      deadLetters.flush();
      for (InFlight f : deadLettersInFlight) {
        if (!f.settled) {
          settle(f);
        }
      }
    } catch (RuntimeException e) {
      pending.clear();
      throw e;
    } finally {
      deadLettersInFlight.clear();
    }
  }

  /**
   * Waits for an asynchronous commit in flight when there is nothing else to commit (a stop or a
   * rebalance right after a pipelined commit). An empty synchronous commit waits for it and runs
   * its callback, which puts failed offsets back into {@code pending}.
   */
  private void awaitAsyncCommit() {
    try {
      try {
        consumer.commitSync(Map.of(), settings.closeTimeout());
      } catch (WakeupException e) {
        stopRequested = true;
        consumer.commitSync(Map.of(), settings.closeTimeout());
      }
    } catch (CommitFailedException | RebalanceInProgressException e) {
      LOG.warn("Offset commit failed because the group rebalanced or this member left it", e);
    }
    asyncInFlight = null;
  }

  private void commitSync() {
    consumer.commitSync(pending, settings.closeTimeout());
  }

  private void housekeeping(long now) {
    stats.maybeFlushLatencies(now);
    if (now - nextProgressNanos >= 0) {
      nextProgressNanos = now + PROGRESS_EVERY_NANOS;
      updateProgress();
    }
    if (statsListener != null && now - nextStatsNanos >= 0) {
      nextStatsNanos = now + settings.statsInterval().toNanos();
      stats.flushLatencies();
      publish(stats.snapshot());
    }
    if (checks != null && checks.startupDone() && checks.watch(now)) {
      topicsChanged();
    }
  }

  /** Acts on topics the checks found deleted or re-created. */
  private void topicsChanged() {
    for (String topic : checks.drainDeleted()) {
      LOG.warn(
          "Topic '{}' was deleted; the offsets of its records processed since the last commit are"
              + " dropped (if it is re-created, its partitions are read from the new topic's"
              + " beginning)",
          topic);
      forget(topic);
    }
    for (String topic : checks.drainRecreated()) {
      topicRecreated(topic);
    }
  }

  private void forget(String topic) {
    pending.keySet().removeIf(tp -> tp.topic().equals(topic));
    lastSent.keySet().removeIf(tp -> tp.topic().equals(topic));
    for (Iterator<Map.Entry<TopicPartition, Waiting>> it = waiting.entrySet().iterator();
        it.hasNext(); ) {
      TopicPartition tp = it.next().getKey();
      if (tp.topic().equals(topic)) {
        it.remove();
        try {
          consumer.resume(Set.of(tp));
        } catch (IllegalStateException notAssigned) {
          // no longer ours
        }
      }
    }
  }

  /**
   * A subscribed topic has a new topic id: its assigned partitions are read from the new topic's
   * beginning, and that beginning is committed at once, so that no offset of the old topic is ever
   * applied to the new one.
   */
  private void topicRecreated(String topic) {
    stats.topicRecreated();
    forget(topic);
    List<TopicPartition> mine = new ArrayList<>();
    for (TopicPartition tp : consumer.assignment()) {
      if (tp.topic().equals(topic)) {
        mine.add(tp);
      }
    }
    LOG.warn(
        "Topic '{}' was deleted and re-created (new topic id); its partitions {} are read again"
            + " from the new topic's beginning (records of the new topic handled before this was"
            + " noticed are handled again)",
        topic,
        mine);
    if (mine.isEmpty()) {
      return;
    }
    consumer.seekToBeginning(mine);
    try {
      Map<TopicPartition, Long> beginnings =
          consumer.beginningOffsets(mine, settings.closeTimeout());
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      beginnings.forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
      consumer.commitSync(offsets, settings.closeTimeout());
      lastSent.putAll(offsets);
    } catch (KafkaException e) {
      LOG.warn(
          "Could not commit the beginning of re-created topic '{}' ({}); it is committed as its"
              + " records are processed",
          topic,
          KafkaProperties.scrub(e.getMessage()));
    }
  }

  private void updateProgress() {
    Set<TopicPartition> assigned = consumer.assignment();
    List<PartitionProgress> progress = new ArrayList<>(assigned.size());
    for (TopicPartition tp : assigned) {
      long position;
      try {
        position = consumer.position(tp, Duration.ZERO);
      } catch (KafkaException e) {
        continue;
      }
      OptionalLong lag = consumer.currentLag(tp);
      progress.add(new PartitionProgress(tp.topic(), tp.partition(), position, lag.orElse(-1)));
    }
    progress.sort(
        (a, b) ->
            a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition())
                : a.topic().compareTo(b.topic()));
    stats.partitions(progress);
    if (observer != null) {
      try {
        observer.onPartitions(progress);
      } catch (RuntimeException e) {
        LOG.warn("ConsumerObserver threw; ignored", e);
      }
    }
  }

  private void publish(ConsumerStats snapshot) {
    if (statsListener == null) {
      return;
    }
    try {
      statsListener.onStats(snapshot);
    } catch (RuntimeException e) {
      LOG.warn("ConsumerStatsListener threw; ignored", e);
    }
  }

  private void closeClients() {
    try {
      KafkaClientCompat.close(consumer, settings.closeTimeout());
    } catch (RuntimeException e) {
      LOG.warn("Kafka consumer close failed: {}", KafkaProperties.scrub(e.getMessage()));
    }
    if (deadLetters != null) {
      Daemons.closeBounded(
          "dead-letter producer",
          () -> deadLetters.close(settings.closeTimeout()),
          settings.closeTimeout());
    }
    if (checks != null) {
      checks.close();
    }
  }

  private static RatingsClientException translate(RuntimeException e) {
    if (e instanceof RatingsClientException rce) {
      return rce;
    }
    String message =
        "RatingConsumer failed: "
            + e.getClass().getSimpleName()
            + ": "
            + KafkaProperties.scrub(e.getMessage());
    if (e instanceof RetriableException) {
      return new RetriableRatingsClientException(message, e);
    }
    return new RatingsClientException(message, e);
  }

  private static int intHeader(ConsumerRecord<?, ?> r, String key, int otherwise) {
    return (int) longHeader(r, key, otherwise);
  }

  private static long longHeader(ConsumerRecord<?, ?> r, String key, long otherwise) {
    Header h = r.headers().lastHeader(key);
    if (h == null || h.value() == null) {
      return otherwise;
    }
    try {
      return Long.parseLong(new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  @Override
  public void wakeup() {
    stopRequested = true;
    if (state.get() == State.RUNNING) {
      safeWakeup();
    }
  }

  @Override
  public ConsumerStats stats() {
    return stats.snapshot();
  }

  /** Adds this consumer's latencies to two histograms: see {@link ConsumerStatsRecorder}. */
  void addLatenciesTo(Histogram event, Histogram record) {
    stats.addLatenciesTo(event, record);
  }

  @Override
  public ConsumerHealth health() {
    ConsumerHealth.Member m = memberHealth(name());
    return ConsumerHealth.of(m.state(), List.of(m));
  }

  /** Publishes the stats windows to the metrics topic while {@link #run()} runs. */
  void publishStats(StatsPublication publication) {
    this.publication = publication;
  }

  /** The client id, or the group id if none is set. */
  private String name() {
    Object id = settings.consumerProperties().get(ConsumerConfig.CLIENT_ID_CONFIG);
    return String.valueOf(
        id != null ? id : settings.consumerProperties().get(ConsumerConfig.GROUP_ID_CONFIG));
  }

  /**
   * This consumer's health, from volatile fields only (no broker call, no lock).
   *
   * @param name the name to report
   * @return its health
   */
  ConsumerHealth.Member memberHealth(String name) {
    ConsumerState s = consumerState();
    List<PartitionProgress> known = stats.currentPartitions();
    List<PartitionProgress> partitions = new ArrayList<>();
    for (TopicPartition tp : assignedNow) {
      PartitionProgress p = null;
      for (PartitionProgress k : known) {
        if (k.partition() == tp.partition() && k.topic().equals(tp.topic())) {
          p = k;
          break;
        }
      }
      partitions.add(p != null ? p : new PartitionProgress(tp.topic(), tp.partition(), -1, -1));
    }
    partitions.sort(
        Comparator.comparing(PartitionProgress::topic)
            .thenComparingInt(PartitionProgress::partition));
    long polled = lastPollNanos;
    Optional<Duration> sincePoll =
        polled == 0 || s.isTerminal()
            ? Optional.empty()
            : Optional.of(Duration.ofNanos(Math.max(0, System.nanoTime() - polled)));
    return new ConsumerHealth.Member(
        name, s, everAssigned, partitions, sincePoll, Optional.ofNullable(lastError));
  }

  private ConsumerState consumerState() {
    return switch (state.get()) {
      case NEW -> stopRequested ? ConsumerState.STOPPED : ConsumerState.NEW;
      case RUNNING -> stopRequested ? ConsumerState.STOPPING : ConsumerState.RUNNING;
      case DONE -> failed ? ConsumerState.FAILED : ConsumerState.STOPPED;
    };
  }

  @Override
  public Map<MetricName, ? extends Metric> kafkaMetrics() {
    return consumer.metrics();
  }

  @Override
  public void close() {
    stopRequested = true;
    if (state.compareAndSet(State.NEW, State.DONE)) {
      closeClients();
      finished.countDown();
      return;
    }
    if (state.get() == State.DONE) {
      awaitFinished(); // another thread may be closing right now
      return;
    }
    if (Thread.currentThread() == runThread) {
      return; // called from the handler: run() finishes and closes after this record
    }
    safeWakeup();
    awaitFinished();
  }

  private void safeWakeup() {
    try {
      consumer.wakeup();
    } catch (RuntimeException e) {
      // the run thread closed the consumer in the meantime: nothing left to wake up
    }
  }

  private void awaitFinished() {
    long waitMs = settings.closeTimeout().toMillis() * 2 + 5_000;
    try {
      if (!finished.await(waitMs, TimeUnit.MILLISECONDS)) {
        LOG.warn("RatingConsumer.run() did not finish within {} ms of close()", waitMs);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A record whose partition is paused: a handler retry after a backoff, or a retry-topic delay.
   */
  private static final class Waiting {
    final ConsumerRecord<?, ?> record; // null: a retry-topic record waiting for its delay
    final RatingEvent event;
    final int retryIndex; // -1: the consumed topic; else the retry topic's index
    final int attemptsBefore; // handler calls on earlier topics (from the record's headers)
    final long firstFailureMs;
    int attempts; // handler calls on this topic
    long dueNanos;
    List<? extends ConsumerRecord<?, ?>> rest; // the poll batch's records of the partition
    int restFrom; // the index in rest of the first record after this one

    Waiting(
        ConsumerRecord<?, ?> record,
        RatingEvent event,
        int retryIndex,
        int attemptsBefore,
        long firstFailureMs) {
      this.record = record;
      this.event = event;
      this.retryIndex = retryIndex;
      this.attemptsBefore = attemptsBefore;
      this.firstFailureMs = firstFailureMs;
    }
  }

  /** A dead letter or retry-topic record sent and not yet acknowledged. */
  private static final class InFlight {
    ProducerRecord<byte[], byte[]> record;
    final ConsumerRecord<?, ?> source;
    final DeadLetters.Failure failure;
    final boolean sourceIsRetryTopic;
    final boolean toRetryTopic;
    boolean reduced;
    boolean settled;
    int sends;
    Future<RecordMetadata> future;

    InFlight(
        ProducerRecord<byte[], byte[]> record,
        ConsumerRecord<?, ?> source,
        DeadLetters.Failure failure,
        boolean sourceIsRetryTopic,
        boolean toRetryTopic,
        boolean reduced) {
      this.record = record;
      this.source = source;
      this.failure = failure;
      this.sourceIsRetryTopic = sourceIsRetryTopic;
      this.toRetryTopic = toRetryTopic;
      this.reduced = reduced;
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // A deleted or re-created topic must not receive the old topic's offsets (not needed when
      // nothing is pending, nor when the consumer closes: run() committed before that).
      if (checks != null
          && !pending.isEmpty()
          && !finalCommit
          && checks.checkNow(REBALANCE_CHECK_MS)) {
        topicsChanged();
      }
      // Everything processed so far is committed (with its dead letters acknowledged) before the
      // partitions move to another member; a record waiting for a retry is not (its offset is).
      commitPending();
      partitions.forEach(waiting::remove);
      assignmentLost(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Set<TopicPartition> now = new HashSet<>(assignedNow);
      now.addAll(partitions);
      assignedNow = Set.copyOf(now);
      everAssigned = true; // also with no partition: more members than partitions
      if (!settings.resetToBeginning()) {
        return;
      }
      List<TopicPartition> fresh = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        if (resetDone.add(tp)) {
          fresh.add(tp);
        }
      }
      if (!fresh.isEmpty()) {
        consumer.seekToBeginning(fresh);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(pending::remove);
      partitions.forEach(waiting::remove);
      assignmentLost(partitions);
    }

    private void assignmentLost(Collection<TopicPartition> partitions) {
      Set<TopicPartition> now = new HashSet<>(assignedNow);
      now.removeAll(partitions);
      assignedNow = Set.copyOf(now);
    }
  }
}
