package io.recsys.ratings.client.producer;

/**
 * Observes every single send of a Kafka-backed {@link RatingProducer}: its outcome, partition and
 * send-to-acknowledgement latency. For metrics (the {@code ratings-micrometer} module binds one to
 * a Micrometer {@code MeterRegistry}); set with {@link RatingProducerBuilder#observer}. Without one
 * the producer makes no call and reads no extra clock; with one, every send is timed.
 *
 * <p>Called for acknowledged and failed events on Kafka's producer I/O thread (it must return
 * quickly and never block: it delays every other acknowledgement), for rejected events and events
 * that could not be submitted on the thread that called {@code send}. It may thus be called
 * concurrently. Exceptions it throws are logged and ignored.
 */
@FunctionalInterface
public interface ProducerObserver {

  /**
   * One send is settled.
   *
   * @param topic the topic the event was sent (or was to be sent) to
   * @param status what became of it
   * @param partition the partition that stored it; -1 unless acknowledged
   * @param latencyNanos send-to-acknowledgement time in nanoseconds; -1 unless acknowledged
   */
  void onSend(String topic, SendOutcome.Status status, int partition, long latencyNanos);
}
