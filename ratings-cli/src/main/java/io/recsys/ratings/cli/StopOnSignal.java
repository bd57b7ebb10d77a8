package io.recsys.ratings.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl+C (SIGINT) and SIGTERM handling for a long-running command: a JVM shutdown hook that asks
 * the command to stop ({@code onSignal}, e.g. {@code consumer::wakeup}) and then waits, at most
 * {@link #GRACE_SECONDS} s, until the command has printed its summary and committed ({@link
 * #close()}). Tests trigger the same path with {@link #trigger()}.
 */
final class StopOnSignal implements AutoCloseable {

  static final long GRACE_SECONDS = 20;

  private final Runnable onSignal;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;

  private StopOnSignal(Runnable onSignal) {
    this.onSignal = onSignal;
    this.hook = new Thread(this::onShutdown, "ratings-cli-shutdown");
  }

  /** Installs the hook; close it when the command has finished. */
  static StopOnSignal install(Runnable onSignal) {
    StopOnSignal stop = new StopOnSignal(onSignal);
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  /** Whether a stop was requested. */
  boolean requested() {
    return requested.get();
  }

  /** Requests a stop as a signal would, without waiting. */
  void trigger() {
    if (requested.compareAndSet(false, true)) {
      onSignal.run();
    }
  }

  private void onShutdown() {
    trigger();
    try {
      done.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Marks the command as finished and removes the hook (unless the JVM is already exiting). */
  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it returns now that done was counted down
    }
  }
}
