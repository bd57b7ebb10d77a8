package io.recsys.ratings.micrometer;

/** The names of the meters and tags this module registers. */
public final class MeterNames {
  /**
   * Counter of consumed records by final outcome; tags {@link #TOPIC}, {@link #OUTCOME} ({@code
   * handled}, {@code sent_to_retry_topic}, {@code dead_lettered}, {@code skipped}, {@code dropped},
   * {@code stopped}), {@link #KIND} ({@code valid}, {@code invalid}, {@code malformed}, {@code
   * processing_error}) and {@link #CLIENT_ID}.
   */
  public static final String CONSUMER_RECORDS = "ratings.consumer.records";

  /** Counter of failed handler attempts (each retry that fails counts); tags topic, client id. */
  public static final String CONSUMER_HANDLER_FAILURES = "ratings.consumer.handler.failures";

  /**
   * Timer of handler calls; tags {@link #TOPIC}, {@link #OUTCOME} ({@code handled} or {@code
   * failed}) and {@link #CLIENT_ID}.
   */
  public static final String CONSUMER_HANDLE_LATENCY = "ratings.consumer.handle.latency";

  /**
   * Gauge of the records between the consumer's position and the end of a partition, per assigned
   * partition; tags {@link #TOPIC}, {@link #PARTITION}, {@link #CLIENT_ID}. NaN while unknown.
   */
  public static final String CONSUMER_LAG = "ratings.consumer.lag";

  /**
   * Counter of sends by outcome; tags {@link #TOPIC}, {@link #OUTCOME} ({@code acknowledged},
   * {@code failed}, {@code rejected}) and {@link #CLIENT_ID}.
   */
  public static final String PRODUCER_SENDS = "ratings.producer.sends";

  /** Timer of send-to-acknowledgement latency of acknowledged sends; tags topic, client id. */
  public static final String PRODUCER_SEND_LATENCY = "ratings.producer.send.latency";

  /** Tag: the topic. */
  public static final String TOPIC = "topic";

  /** Tag: the partition. */
  public static final String PARTITION = "partition";

  /** Tag: the outcome. */
  public static final String OUTCOME = "outcome";

  /** Tag: the {@code RecordKind} of a consumed record. */
  public static final String KIND = "kind";

  /**
   * Tag: the name given with {@link MeterOptions#clientId(String)}. (Kafka's own client metrics
   * carry Kafka's {@code client.id} tag instead.)
   */
  public static final String CLIENT_ID = "ratings.client";

  private MeterNames() {}
}
