package io.recsys.ratings.client.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Daemon threads: schedulers for periodic stats and metrics, and bounded client closes. */
public final class Daemons {
  private static final Logger LOG = LoggerFactory.getLogger(Daemons.class);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Daemons() {}

  /**
   * A single-thread scheduler on a named daemon thread.
   *
   * @param name the thread name prefix
   * @return the scheduler
   */
  public static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, name + "-" + COUNTER.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Stops a scheduler and waits (at most 2 s) for a running task to end.
   *
   * @param scheduler the scheduler, may be null
   */
  public static void stop(ScheduledExecutorService scheduler) {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How much longer than its own timeout a Kafka client's close may take before we move on. */
  public static final long CLOSE_GRACE_MILLIS = 3_000;

  /**
   * Runs a Kafka client's {@code close(timeout)} on a daemon thread and waits at most the timeout
   * plus {@link #CLOSE_GRACE_MILLIS}. Kafka's producer force-closes after its timeout but then
   * joins its I/O thread without a bound, which was seen to take ~100 s with the broker gone; this
   * keeps our {@code close()} bounded (the client goes on closing in the background).
   *
   * @param what the client, for the log message
   * @param close the close call
   * @param timeout the timeout given to the close call
   */
  public static void closeBounded(String what, Runnable close, Duration timeout) {
    Thread closer =
        new Thread(
            () -> {
              try {
                close.run();
              } catch (RuntimeException e) {
                LOG.warn("Kafka {} close failed: {}", what, KafkaProperties.scrub(e.getMessage()));
              }
            },
            "ratings-" + what.replace(' ', '-') + "-close");
    closer.setDaemon(true);
    closer.start();
    long waitMillis = timeout.toMillis() + CLOSE_GRACE_MILLIS;
    try {
      closer.join(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      LOG.warn(
          "Kafka {} did not finish closing within {} ms; it goes on closing in the background",
          what,
          waitMillis);
    }
  }
}
