package io.recsys.ratings.client.internal;

import io.recsys.ratings.client.CommitMode;
import io.recsys.ratings.client.ConsumerResult;
import io.recsys.ratings.client.ConsumerResult.StopReason;
import io.recsys.ratings.client.ConsumerStats;
import io.recsys.ratings.client.ConsumerStatsListener;
import io.recsys.ratings.client.PartitionProgress;
import io.recsys.ratings.client.RatingConsumer;
import io.recsys.ratings.client.RatingHandler;
import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.RecordClass;
import io.recsys.ratings.client.RecordContext;
import io.recsys.ratings.client.RetriableRatingsClientException;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Kafka-backed {@link RatingConsumer}. */
public final class KafkaRatingConsumer implements RatingConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaRatingConsumer.class);
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** PIPELINED: batches that may wait for an unanswered commit before a synchronous one. */
  private static final int MAX_BATCHES_BEHIND = 2;

  private static final DecodeResult NULL_VALUE = new DecodeResult.Malformed("null value");

  private enum State {
    NEW,
    RUNNING,
    DONE
  }

  private final ConsumerSettings settings;
  private final Consumer<?, ?> consumer; // values RatingEvent/DecodedValue (ours) or byte[]
  private final Producer<byte[], byte[]> deadLetters;
  private final RatingCodec codec;
  private final RatingHandler handler;
  private final ConsumerStatsListener statsListener;
  private final ConsumerStatsRecorder stats = new ConsumerStatsRecorder();
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile Thread runThread;

  // touched only by the thread running run()
  private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
  private final List<Future<RecordMetadata>> deadLettersInFlight = new ArrayList<>();
  private final Set<TopicPartition> resetDone = new HashSet<>();
  private final Map<TopicPartition, OffsetAndMetadata> lastSent = new HashMap<>();
  private Map<TopicPartition, OffsetAndMetadata> asyncInFlight; // the PIPELINED commit not yet done
  private int batchesBehind; // PIPELINED: batches processed while a commit was in flight
  private long processed;
  private long nextStatsNanos;
  private long nextProgressNanos;

  /**
   * Creates the consumer and, with a dead-letter topic, its producer.
   *
   * @param settings the validated settings
   */
  public KafkaRatingConsumer(ConsumerSettings settings) {
    this(settings, createConsumer(settings), createDeadLetterProducer(settings));
  }

  /**
   * Creates the consumer around given Kafka clients.
   *
   * @param settings the validated settings
   * @param consumer the Kafka consumer: keys {@code byte[]} or {@code ByteBuffer}, values {@code
   *     byte[]} (decoded here) or what {@link RatingValueDeserializer} delivers (a {@link
   *     RatingEvent} or a {@link DecodedValue})
   * @param deadLetters the dead-letter producer, null if no dead-letter topic
   */
  public KafkaRatingConsumer(
      ConsumerSettings settings, Consumer<?, ?> consumer, Producer<byte[], byte[]> deadLetters) {
    this.settings = settings;
    this.consumer = consumer;
    this.deadLetters = settings.deadLetterTopic() == null ? null : deadLetters;
    this.codec = RatingCodec.of(settings.validator());
    this.handler = settings.handler();
    this.statsListener = settings.statsListener();
    LOG.debug("RatingConsumer created: {}", settings);
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
    if (s.deadLetterTopic() == null) {
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
    try {
      try {
        consumer.subscribe(List.of(settings.topic()), new Rebalance());
        reason = loop();
      } catch (WakeupException e) {
        reason = StopReason.STOPPED;
      } catch (RuntimeException e) {
        failure = e;
      }
      try {
        if (failure == null) {
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
    } finally {
      // also on an Error thrown by the handler: never leave the clients open or close() waiting
      closeClients();
      state.set(State.DONE);
      stats.flushLatencies();
      last = stats.snapshot();
      publish(last);
      finished.countDown();
    }
    if (failure != null) {
      throw translate(failure);
    }
    return new ConsumerResult(reason, last);
  }

  private StopReason loop() {
    long lastRecordNanos = System.nanoTime();
    long idleNanos = settings.idleTimeout() == null ? -1 : settings.idleTimeout().toNanos();
    long max = settings.maxMessages();
    nextStatsNanos = System.nanoTime() + settings.statsInterval().toNanos();
    long commitIntervalNanos = settings.commitInterval().toNanos();
    boolean pipelined = settings.commitMode() == CommitMode.PIPELINED;
    long lastCommitNanos = System.nanoTime();
    while (!stopRequested) {
      ConsumerRecords<?, ?> records;
      try {
        records = consumer.poll(settings.pollTimeout());
      } catch (WakeupException e) {
        return StopReason.STOPPED;
      }
      long now = System.nanoTime();
      if (records.isEmpty()) {
        if (!pending.isEmpty() || !deadLettersInFlight.isEmpty()) {
          commitPending(); // nothing new arrived: commit what a commit interval held back
        }
        housekeeping(now);
        if (idleNanos >= 0 && now - lastRecordNanos >= idleNanos) {
          return StopReason.IDLE_TIMEOUT;
        }
        continue;
      }
      lastRecordNanos = now;
      processBatch(records, max, System.currentTimeMillis());
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
    return StopReason.STOPPED;
  }

  /** Processes a poll batch; {@code receivedMs} is the receipt time of all its records. */
  private void processBatch(ConsumerRecords<?, ?> records, long max, long receivedMs) {
    for (TopicPartition tp : records.partitions()) {
      ConsumerRecord<?, ?> last = null;
      for (ConsumerRecord<?, ?> r : records.records(tp)) {
        if (stopRequested || (max > 0 && processed >= max)) {
          break;
        }
        process(r, receivedMs);
        processed++;
        last = r;
      }
      if (last != null) {
        pending.put(tp, new OffsetAndMetadata(last.offset() + 1, last.leaderEpoch(), ""));
      }
      if (stopRequested || (max > 0 && processed >= max)) {
        return;
      }
    }
  }

  private void process(ConsumerRecord<?, ?> r, long nowMs) {
    Object value = r.value();
    if (value instanceof RatingEvent event) { // valid, decoded by RatingValueDeserializer
      processValid(r, event, nowMs);
      return;
    }
    DecodeResult decoded = decode(value);
    if (decoded instanceof DecodeResult.Valid valid) {
      processValid(r, valid.event(), nowMs);
    } else if (decoded instanceof DecodeResult.Invalid invalid) {
      recordLatency(r.timestamp(), nowMs);
      stats.count(RecordClass.INVALID);
      deadLetter(r, RecordClass.INVALID, DeadLetters.reason(invalid.violations()), null);
    } else {
      recordLatency(r.timestamp(), nowMs);
      stats.count(RecordClass.MALFORMED);
      deadLetter(r, RecordClass.MALFORMED, ((DecodeResult.Malformed) decoded).reason(), null);
    }
  }

  private void processValid(ConsumerRecord<?, ?> r, RatingEvent event, long nowMs) {
    long recordTimestamp = r.timestamp(); // -1 if the record has none
    if (recordTimestamp == event.timestamp()) { // as RatingProducer writes them
      stats.eventAndRecordLatency(nowMs - recordTimestamp);
    } else {
      recordLatency(recordTimestamp, nowMs);
      stats.eventLatency(nowMs - event.timestamp());
    }
    stats.rating(event.rating());
    try {
      handler.handle(event, new RecordContext(r));
      stats.count(RecordClass.VALID);
    } catch (Exception e) {
      LOG.debug("Handler failed for {}-{}@{}", r.topic(), r.partition(), r.offset(), e);
      stats.count(RecordClass.PROCESSING_ERROR);
      deadLetter(r, RecordClass.PROCESSING_ERROR, DeadLetters.reason(e), e);
    }
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

  private void deadLetter(ConsumerRecord<?, ?> r, RecordClass kind, String reason, Throwable e) {
    if (deadLetters == null) {
      return;
    }
    deadLettersInFlight.add(
        deadLetters.send(DeadLetters.record(settings.deadLetterTopic(), r, kind, reason, e)));
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
      commitSync();
    } catch (WakeupException e) {
      // a stop request arrived during the commit; the wakeup is used up, so commit again
      stopRequested = true;
      commitSync();
    } catch (CommitFailedException | RebalanceInProgressException e) {
      LOG.warn(
          "Offset commit failed because the group rebalanced; {} partition(s) will be re-read"
              + " from their last commit: {}",
          pending.size(),
          e.getMessage());
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
    } else {
      LOG.warn(
          "Asynchronous offset commit failed ({}); {} partition(s) will be committed again with the"
              + " next commit, others re-read from their last commit",
          KafkaProperties.scrub(e.getMessage()),
          retried);
    }
  }

  /** Waits for the dead letters of the batch; throws (pending cleared) if one failed. */
  private void awaitDeadLetters() {
    if (!deadLettersInFlight.isEmpty()) {
      deadLetters.flush();
      long ok = 0;
      try {
        for (Future<RecordMetadata> f : deadLettersInFlight) {
          f.get();
          ok++;
        }
      } catch (ExecutionException e) {
        pending.clear();
        throw new RatingsClientException(
            "Dead-letter send to '"
                + settings.deadLetterTopic()
                + "' failed, so the offsets of this batch were not committed (its records will be"
                + " read again): "
                + KafkaProperties.scrub(String.valueOf(e.getCause())),
            e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pending.clear();
        throw new RatingsClientException("Interrupted while waiting for dead-letter sends", e);
      } finally {
        stats.deadLettered(ok);
        deadLettersInFlight.clear();
      }
    }
  }

  /**
   * Waits for an asynchronous commit in flight when there is nothing else to commit (a stop or a
   * rebalance right after a pipelined commit). An empty synchronous commit waits for it and runs
   * its callback, which puts failed offsets back into {@code pending}.
   */
  private void awaitAsyncCommit() {
    try {
      consumer.commitSync(Map.of(), settings.closeTimeout());
    } catch (WakeupException e) {
      stopRequested = true;
      consumer.commitSync(Map.of(), settings.closeTimeout());
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
      consumer.close(CloseOptions.timeout(settings.closeTimeout()));
    } catch (RuntimeException e) {
      LOG.warn("Kafka consumer close failed: {}", KafkaProperties.scrub(e.getMessage()));
    }
    if (deadLetters != null) {
      Daemons.closeBounded(
          "dead-letter producer",
          () -> deadLetters.close(settings.closeTimeout()),
          settings.closeTimeout());
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

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Everything processed so far is committed (with its dead letters acknowledged) before the
      // partitions move to another member.
      commitPending();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
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
    }
  }
}
