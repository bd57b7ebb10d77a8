package io.recsys.ratings.client.consumer;

import io.recsys.ratings.schema.RatingEvent;

/**
 * Processes one valid rating. Called on the thread running {@link RatingConsumer#run()}, one record
 * after the other in offset order per partition. The record's offset is committed only after this
 * returned (at-least-once: after a crash the event may be handled again). If it throws an {@code
 * Exception}, the consumer's {@link FailurePolicy} decides: retries after a backoff (the partition
 * paused, the loop polling on), retry topics, then the dead-letter topic, a stop without committing
 * the record, or (only if chosen) a skip. A record is never committed after a failure unless it was
 * dead-lettered, forwarded to a retry topic or explicitly skipped.
 */
@FunctionalInterface
public interface RatingHandler {

  /**
   * Handles one valid event.
   *
   * @param event the event
   * @param context where the record came from
   * @throws Exception to have the record retried or recovered by the failure policy
   */
  void handle(RatingEvent event, RecordContext context) throws Exception;
}
