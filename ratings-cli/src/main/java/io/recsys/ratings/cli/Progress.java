package io.recsys.ratings.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A periodic progress line on stderr for long runs: nothing for runs shorter than one interval,
 * then one line per interval while there is progress, and one every {@link #IDLE_INTERVAL} while
 * there is none (a consumer waiting for records). Stdout stays free for the summary (and JSON).
 */
final class Progress implements AutoCloseable {

  static final Duration INTERVAL = Duration.ofSeconds(2);

  static final Duration IDLE_INTERVAL = Duration.ofSeconds(30);

  private final ScheduledExecutorService timer;

  private Progress(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * @param progress a counter that grows with progress (events sent, records consumed)
   * @param line the progress line
   */
  static Progress start(PrintWriter err, LongSupplier progress, Supplier<String> line) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ratings-cli-progress");
              t.setDaemon(true);
              return t;
            });
    long ms = INTERVAL.toMillis();
    long[] last = {-1, 0};
    timer.scheduleAtFixedRate(
        () -> {
          try {
            long now = progress.getAsLong();
            long since = System.nanoTime() - last[1];
            if (now != last[0] || since >= IDLE_INTERVAL.toNanos()) {
              last[0] = now;
              last[1] = System.nanoTime();
              err.println(line.get());
              err.flush();
            }
          } catch (RuntimeException e) {
            // a progress line is best effort
          }
        },
        ms,
        ms,
        TimeUnit.MILLISECONDS);
    return new Progress(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
