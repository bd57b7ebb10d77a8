package io.recsys.ratings.client.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Single daemon-thread schedulers for periodic stats and metrics. */
public final class Daemons {
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
}
