package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.RetriableRatingsClientException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking waits on futures that turn every failure into a {@link RatingsClientException}. */
final class Futures {
  private Futures() {}

  /**
   * Waits for a future.
   *
   * @param <T> the result type
   * @param future the future
   * @param timeout the longest wait
   * @return the result
   * @throws RatingsClientException the future's own exception if it is one, else a wrapper
   */
  public static <T> T await(CompletableFuture<T> future, Duration timeout) {
    return await(future, timeout, timeout);
  }

  /**
   * Waits for a future, at most {@code wait}; a timeout's message names {@code shownTimeout} (the
   * caller's whole timeout, of which {@code wait} is what was left).
   *
   * @param <T> the result type
   * @param future the future
   * @param wait the longest wait
   * @param shownTimeout the timeout a timeout's message names
   * @return the result
   * @throws RatingsClientException the future's own exception if it is one, else a wrapper
   */
  public static <T> T await(CompletableFuture<T> future, Duration wait, Duration shownTimeout) {
    try {
      return future.get(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new RetriableRatingsClientException(
          "No acknowledgement within " + shownTimeout + " (the send may still succeed later)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RatingsClientException("Interrupted while waiting for an acknowledgement", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RatingsClientException rce) {
        throw rce;
      }
      throw new RatingsClientException(String.valueOf(cause), cause);
    }
  }
}
