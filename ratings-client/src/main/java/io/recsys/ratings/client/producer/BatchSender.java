package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.schema.RatingEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code sendAll}: sends everything, then waits until every outcome is known, without a list. A
 * null element of a one-pass source stops the sending there: the events before it are waited for,
 * then a {@link NullPointerException} names its index and what became of them.
 */
final class BatchSender {
  private BatchSender() {}

  /**
   * Sends every event and waits for every outcome.
   *
   * @param producer the producer
   * @param events the events
   * @param maxWait the longest wait after the last send
   * @return the summary
   */
  public static BatchResult sendAll(
      RatingProducer producer, Iterable<RatingEvent> events, Duration maxWait) {
    LongAdder acked = new LongAdder();
    LongAdder rejected = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicReference<RatingsClientException> firstError = new AtomicReference<>();
    // one extra count for this thread, released when the loop is done
    AtomicLong pending = new AtomicLong(1);
    CompletableFuture<Void> allDone = new CompletableFuture<>();
    long submitted = 0;
    long nullAt = -1;
    for (RatingEvent event : events) {
      if (event == null) {
        nullAt = submitted; // a one-pass source: stop here, settle what was sent, then throw
        break;
      }
      submitted++;
      pending.incrementAndGet();
      producer
          .send(event)
          .whenComplete(
              (result, error) -> {
                if (error == null) {
                  acked.increment();
                } else {
                  if (error instanceof RatingRejectedException) {
                    rejected.increment();
                  } else {
                    failed.increment();
                  }
                  RatingsClientException e =
                      error instanceof RatingsClientException rce
                          ? rce
                          : new RatingsClientException(String.valueOf(error), error);
                  firstError.compareAndSet(null, e);
                }
                if (pending.decrementAndGet() == 0) {
                  allDone.complete(null);
                }
              });
    }
    if (pending.decrementAndGet() == 0) {
      allDone.complete(null);
    }
    try {
      allDone.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // timed out: the rest is reported as unresolved
    }
    long a = acked.sum();
    long r = rejected.sum();
    long f = failed.sum();
    if (nullAt >= 0) {
      throw new NullPointerException(
          "events["
              + nullAt
              + "] is null; sending stopped there: the "
              + submitted
              + " events before it were sent ("
              + a
              + " acknowledged, "
              + r
              + " rejected, "
              + f
              + " failed, "
              + Math.max(0, submitted - a - r - f)
              + " without outcome)");
    }
    return new BatchResult(
        submitted,
        a,
        r,
        f,
        Math.max(0, submitted - a - r - f),
        Optional.ofNullable(firstError.get()));
  }
}
