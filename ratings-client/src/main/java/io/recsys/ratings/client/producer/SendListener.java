package io.recsys.ratings.client.producer;

/**
 * Receives the outcome of every single {@code send}.
 *
 * <p>Called for acknowledged and failed events on Kafka's producer I/O thread (so it must return
 * quickly and never block or call {@code flush}/{@code close}: it delays every other
 * acknowledgement), for rejected events and events that could not be submitted on the thread that
 * called {@code send}. It may thus be called concurrently. Exceptions it throws are logged and
 * ignored.
 */
@FunctionalInterface
public interface SendListener {

  /**
   * Receives one outcome.
   *
   * @param outcome the outcome
   */
  void onOutcome(SendOutcome outcome);
}
