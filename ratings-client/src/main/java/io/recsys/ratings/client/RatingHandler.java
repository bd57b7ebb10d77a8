package io.recsys.ratings.client;

import io.recsys.ratings.schema.RatingEvent;

/**
 * Processes one valid rating. Called on the thread running {@link RatingConsumer#run()}, one record
 * after the other in offset order per partition. The record's offset is committed only after this
 * returned (at-least-once: after a crash the event may be handled again). If it throws, the record
 * counts as {@link RecordClass#PROCESSING_ERROR}, is dead-lettered if a dead-letter topic is set,
 * and the loop goes on.
 */
@FunctionalInterface
public interface RatingHandler {

  /**
   * Handles one valid event.
   *
   * @param event the event
   * @param context where the record came from
   * @throws Exception to mark the record as a processing error
   */
  void handle(RatingEvent event, RecordContext context) throws Exception;
}
