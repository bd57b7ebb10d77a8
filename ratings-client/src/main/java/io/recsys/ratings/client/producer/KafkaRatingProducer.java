package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.client.internal.Daemons;
import io.recsys.ratings.client.internal.KafkaProperties;
import io.recsys.ratings.client.internal.RecordTracer;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import io.recsys.ratings.schema.ValidationResult;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Kafka-backed {@link RatingProducer}. */
final class KafkaRatingProducer implements RatingProducer {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaRatingProducer.class);

  @SuppressWarnings("rawtypes")
  private static final AtomicIntegerFieldUpdater<Ack> DONE =
      AtomicIntegerFieldUpdater.newUpdater(Ack.class, "done");

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final RatingValidator validator;
  private final RatingCodec codec;
  private final SendListener sendListener;
  private final ProducerObserver observer; // null: none
  private final RecordTracer tracer; // null: tracing off
  private final ProducerStatsListener statsListener;
  private final Duration closeTimeout;
  private final int samplingMask; // latencySampling - 1
  private final long batchWaitMillis;
  private final ProducerStatsRecorder stats;
  private final ScheduledExecutorService scheduler;
  private final SendReadiness readiness;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile CloseResult closeResult;

  /**
   * Creates the producer from a validated configuration.
   *
   * @param config the configuration
   * @throws RatingsConfigException if Kafka refuses the configuration
   */
  public KafkaRatingProducer(RatingProducerConfig config) {
    this(config, createKafkaProducer(config), true);
  }

  /**
   * Creates the producer around a given Kafka producer (e.g. Kafka's {@code MockProducer}).
   *
   * @param config the configuration
   * @param producer the Kafka producer, taken over (closed by {@link #close(Duration)})
   * @param singleAckThread whether the producer completes every send on one thread (true for {@code
   *     KafkaProducer}'s I/O thread; false for {@code MockProducer}, which completes on the
   *     callers' threads)
   */
  public KafkaRatingProducer(
      RatingProducerConfig config, Producer<byte[], byte[]> producer, boolean singleAckThread) {
    this.producer = producer;
    this.stats = new ProducerStatsRecorder(singleAckThread);
    this.topic = config.topic();
    this.validator = config.validator();
    this.codec = RatingCodec.of(validator);
    this.sendListener = config.sendListener();
    this.observer = config.observer();
    this.tracer = config.tracer();
    this.statsListener = config.statsListener();
    this.closeTimeout = config.closeTimeout();
    this.samplingMask = config.latencySampling() - 1;
    Object delivery = config.kafkaProperties().get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
    Object block = config.kafkaProperties().get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
    this.batchWaitMillis =
        Long.parseLong(String.valueOf(delivery)) + Long.parseLong(String.valueOf(block)) + 5_000;
    Object batchSize = config.kafkaProperties().get(ProducerConfig.BATCH_SIZE_CONFIG);
    this.readiness =
        new SendReadiness(
            producer,
            topic,
            batchSize == null
                ? ProducerConfig.configDef().defaultValues().get(ProducerConfig.BATCH_SIZE_CONFIG)
                : batchSize);
    if (statsListener != null) {
      scheduler = Daemons.scheduler("ratings-producer-stats");
      long every = config.statsInterval().toMillis();
      scheduler.scheduleAtFixedRate(this::publishStats, every, every, TimeUnit.MILLISECONDS);
    } else {
      scheduler = null;
    }
    LOG.debug("RatingProducer created: {}", config);
  }

  private static Producer<byte[], byte[]> createKafkaProducer(RatingProducerConfig config) {
    try {
      return new KafkaProducer<>(config.kafkaProperties());
    } catch (KafkaException e) {
      throw KafkaProperties.creationFailed("producer", e, config.kafkaProperties());
    }
  }

  @Override
  public CompletableFuture<SendResult> send(RatingEvent event) {
    return send(event, observer != null || sampled());
  }

  /** {@link #send(RatingEvent)}, timed for the latency summary if {@code timed}. */
  private CompletableFuture<SendResult> send(RatingEvent event, boolean timed) {
    RatingsClientException refused = admit(event);
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    Ack ack = new Ack(event, timed ? System.nanoTime() : NOT_TIMED);
    dispatch(event, ack);
    return ack;
  }

  /** Hands an admitted event to Kafka on this thread; every outcome completes the ack. */
  private void dispatch(RatingEvent event, Ack ack) {
    try {
      producer.send(record(event), ack);
    } catch (KafkaException | IllegalStateException | IllegalArgumentException e) {
      // e.g. metadata not available within max.block.ms, producer closed concurrently.
      // Kafka may have called the callback already for some of these; Ack completes only once.
      ack.onCompletion(null, e);
    }
  }

  /**
   * Validates and counts an event about to be sent: null if it may go to Kafka, otherwise why not
   * (invalid, or the producer is closed), already counted and reported to the listener.
   */
  private RatingsClientException admit(RatingEvent event) {
    if (event == null) {
      throw new NullPointerException("event");
    }
    ValidationResult validation = validator.validate(event);
    if (!validation.isValid()) {
      stats.rejected();
      RatingRejectedException error = new RatingRejectedException(event, validation.violations());
      notify(new SendOutcome(event, SendOutcome.Status.REJECTED, null, error));
      if (observer != null) {
        observe(SendOutcome.Status.REJECTED, -1, -1);
      }
      return error;
    }
    stats.sent();
    if (closed.get()) {
      return failed(event, new RatingsClientException("RatingProducer is closed"));
    }
    return null;
  }

  /**
   * Whether to time this {@link #send} or {@link #submit}: one in {@code latencySampling} (a power
   * of two), chosen at random; every {@link #sendAndWait} is timed. Timing every send cost about a
   * quarter of {@code send}'s throughput: two clock reads and a histogram update per record, one of
   * each on Kafka's I/O thread, which runs every acknowledgement.
   */
  private boolean sampled() {
    return (ThreadLocalRandom.current().nextInt() & samplingMask) == 0;
  }

  @Override
  public boolean submit(RatingEvent event) {
    if (admit(event) != null) {
      return false;
    }
    boolean timed = observer != null || sampled();
    Callback callback =
        sendListener != null || observer != null
            ? new Reported(event, timed ? System.nanoTime() : NOT_TIMED)
            : timed ? new Timed(System.nanoTime()) : untimed;
    try {
      producer.send(record(event), callback);
      return true;
    } catch (KafkaException | IllegalStateException | IllegalArgumentException e) {
      // Kafka either throws (and does not call back) or calls back with the error and returns
      // normally: a throw is this send's only outcome.
      failed(event, e);
      return false;
    }
  }

  private ProducerRecord<byte[], byte[]> record(RatingEvent event) {
    ProducerRecord<byte[], byte[]> r =
        new ProducerRecord<>(
            topic, null, event.timestamp(), Keys.userKey(event.userId()), codec.encode(event));
    if (tracer != null) {
      injectTrace(r);
    }
    return r;
  }

  private void injectTrace(ProducerRecord<byte[], byte[]> r) {
    try {
      tracer.inject(r.headers());
    } catch (RuntimeException e) {
      LOG.warn("Could not write the trace context into the record headers; sent without it", e);
    }
  }

  /** Reports a settled send to the observer (not null). */
  private void observe(SendOutcome.Status status, int partition, long latencyNanos) {
    try {
      observer.onSend(topic, status, partition, latencyNanos);
    } catch (RuntimeException e) {
      LOG.warn("ProducerObserver threw; ignored", e);
    }
  }

  private static final long NOT_TIMED = Long.MIN_VALUE;

  /** The callback of the untimed {@link #submit}s without a listener: counts only, shared. */
  private final Callback untimed = this::untimedOutcome;

  private void untimedOutcome(RecordMetadata metadata, Exception exception) {
    if (exception == null) {
      stats.acknowledged(metadata.partition());
    } else {
      stats.failed();
    }
  }

  /** The callback of a timed {@link #submit} without a listener. */
  private final class Timed implements Callback {
    private final long startNanos;

    Timed(long startNanos) {
      this.startNanos = startNanos;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception == null) {
        stats.acknowledged(metadata.partition(), System.nanoTime() - startNanos);
      } else {
        stats.failed();
      }
    }
  }

  /** The callback of a {@link #submit} with a {@link SendListener}: counts and reports. */
  private final class Reported implements Callback {
    private final RatingEvent event;
    private final long startNanos; // NOT_TIMED if not timed

    Reported(RatingEvent event, long startNanos) {
      this.event = event;
      this.startNanos = startNanos;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception == null) {
        acknowledged(metadata.partition(), startNanos);
        if (sendListener != null) {
          SendResult result =
              new SendResult(
                  metadata.topic(), metadata.partition(), metadata.offset(), event.timestamp());
          KafkaRatingProducer.this.notify(
              new SendOutcome(event, SendOutcome.Status.ACKNOWLEDGED, result, null));
        }
      } else {
        failed(event, exception);
      }
    }
  }

  /**
   * Counts and reports a valid event that will not be acknowledged.
   *
   * @return the exception as the SDK reports it (Kafka's wrapped in a RatingDeliveryException)
   */
  private RatingsClientException failed(RatingEvent event, Exception exception) {
    stats.failed();
    if (observer != null) {
      observe(SendOutcome.Status.FAILED, -1, -1);
    }
    RatingsClientException error =
        exception instanceof RatingsClientException rce
            ? rce
            : new RatingDeliveryException(topic, event, exception);
    if (sendListener != null) {
      notify(new SendOutcome(event, SendOutcome.Status.FAILED, null, error));
    }
    return error;
  }

  /**
   * The future of one send, and Kafka's callback completing it (one allocation per send). Kafka's
   * I/O thread runs the callback of every acknowledged record, so the success path reads only this
   * object (the event's timestamp is copied here: the event itself is likely out of the CPU cache
   * by then) and takes no lock or CAS of its own.
   */
  private final class Ack extends CompletableFuture<SendResult> implements Callback {
    private final RatingEvent event;
    private final long timestamp;
    private final long startNanos; // NOT_TIMED if not timed
    private volatile int done;

    Ack(RatingEvent event, long startNanos) {
      this.event = event;
      this.timestamp = event.timestamp();
      this.startNanos = startNanos;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      // Kafka acknowledges a record once; only a failure can be reported twice (a send that throws
      // after Kafka already called back with the error), and only on the sending thread.
      if (exception != null && !DONE.compareAndSet(this, 0, 1)) {
        return;
      }
      if (exception == null) {
        acknowledged(metadata.partition(), startNanos);
        SendResult result =
            new SendResult(metadata.topic(), metadata.partition(), metadata.offset(), timestamp);
        if (sendListener != null) {
          KafkaRatingProducer.this.notify(
              new SendOutcome(event, SendOutcome.Status.ACKNOWLEDGED, result, null));
        }
        complete(result);
      } else {
        completeExceptionally(failed(event, exception));
      }
    }
  }

  /** Counts an acknowledgement, timed unless {@code startNanos} is NOT_TIMED, and observes it. */
  private void acknowledged(int partition, long startNanos) {
    if (startNanos == NOT_TIMED) {
      stats.acknowledged(partition);
      return;
    }
    long latency = System.nanoTime() - startNanos;
    stats.acknowledged(partition, latency);
    if (observer != null) {
      observe(SendOutcome.Status.ACKNOWLEDGED, partition, latency);
    }
  }

  private void notify(SendOutcome outcome) {
    if (sendListener == null) {
      return;
    }
    try {
      sendListener.onOutcome(outcome);
    } catch (RuntimeException e) {
      LOG.warn("SendListener threw; ignored", e);
    }
  }

  /**
   * Sends one event and waits, all within {@code timeout}: Kafka's {@code send} blocks up to {@code
   * max.block} for the topic's metadata and for buffer space, so neither wait is left to it. The
   * metadata wait is a lookup on a helper thread that this call waits for at most until its
   * deadline (if it expires, nothing was sent); the send runs on this thread when the producer's
   * buffer has room, else on a helper thread whose acknowledgement this call waits for until the
   * deadline. The hot paths ({@code send}, {@code submit}) are untouched.
   */
  @Override
  public SendResult sendAndWait(RatingEvent event, Duration timeout) {
    if (event == null) {
      throw new NullPointerException("event");
    }
    if (timeout == null) {
      throw new NullPointerException("timeout");
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be zero or more but was " + timeout);
    }
    long deadline = System.nanoTime() + saturatedNanos(timeout);
    RatingsClientException refused = admit(event);
    if (refused != null) {
      throw refused;
    }
    Exception notReady = readiness.awaitMetadata(deadline, timeout);
    if (notReady != null) {
      throw failed(event, notReady);
    }
    Ack ack = new Ack(event, System.nanoTime()); // one at a time: timing costs nothing
    if (readiness.bufferHasRoom()) {
      dispatch(event, ack);
    } else {
      readiness.runBlocking(() -> dispatch(event, ack), ack);
    }
    return Futures.await(ack, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), timeout);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  /**
   * Checks the whole list before sending anything when the source is a {@link Collection}; other
   * sources (e.g. a stream) are checked as they are read, see {@link BatchSender}.
   */
  @Override
  public BatchResult sendAll(Iterable<RatingEvent> events) {
    if (events == null) {
      throw new NullPointerException("events");
    }
    if (events instanceof Collection<?> collection) {
      int index = 0;
      for (Object e : collection) {
        if (e == null) {
          throw new NullPointerException(
              "events[" + index + "] is null; nothing was sent (" + collection.size() + " events)");
        }
        index++;
      }
    }
    return BatchSender.sendAll(this, events, Duration.ofMillis(batchWaitMillis));
  }

  @Override
  public void flush() {
    try {
      producer.flush();
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      throw new RatingsClientException("Interrupted while flushing", e);
    }
  }

  @Override
  public ProducerStats stats() {
    return stats.snapshot();
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public Map<MetricName, ? extends Metric> kafkaMetrics() {
    return producer.metrics();
  }

  @Override
  public CloseResult close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      awaitCloseResult(timeout);
      return closeResult != null ? closeResult : result(stats.snapshot());
    }
    Duration bounded = timeout == null || timeout.isNegative() ? Duration.ZERO : timeout;
    try {
      Daemons.closeBounded("producer", () -> producer.close(bounded), bounded);
    } finally {
      Daemons.stop(scheduler);
      readiness.close();
    }
    ProducerStats last = stats.snapshot();
    publishStats(last);
    CloseResult result = result(last);
    if (!result.allDelivered()) {
      LOG.warn(
          "RatingProducer closed with {} undelivered event(s) ({} failed, {} without outcome)",
          result.undelivered(),
          result.failed(),
          result.unresolved());
    }
    synchronized (this) {
      closeResult = result;
      notifyAll();
    }
    return result;
  }

  private synchronized void awaitCloseResult(Duration timeout) {
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    while (closeResult == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static CloseResult result(ProducerStats s) {
    return new CloseResult(s.acknowledged(), s.failed(), s.inFlight(), s);
  }

  @Override
  public void close() {
    close(closeTimeout);
  }

  private void publishStats() {
    publishStats(stats.snapshot());
  }

  private void publishStats(ProducerStats snapshot) {
    if (statsListener == null) {
      return;
    }
    try {
      statsListener.onStats(snapshot);
    } catch (RuntimeException e) {
      LOG.warn("ProducerStatsListener threw; ignored", e);
    }
  }
}
