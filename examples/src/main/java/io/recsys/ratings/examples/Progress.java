package io.recsys.ratings.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A periodic progress line on stderr for long runs: nothing for runs shorter than one interval,
 * then one line per interval. Stdout stays free for the summary (and JSON).
 */
final class Progress implements AutoCloseable {

  static final Duration INTERVAL = Duration.ofSeconds(2);

  private final ScheduledExecutorService timer;

  private Progress(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static Progress start(PrintWriter err, Supplier<String> line) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ratings-cli-progress");
              t.setDaemon(true);
              return t;
            });
    long ms = INTERVAL.toMillis();
    timer.scheduleAtFixedRate(
        () -> {
          try {
            err.println(line.get());
            err.flush();
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
