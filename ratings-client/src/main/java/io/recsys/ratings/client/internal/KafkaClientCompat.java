package io.recsys.ratings.client.internal;

import java.time.Duration;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The kafka-clients calls whose form changed within the supported range (3.9.x to 4.3.x): each
 * takes the current form where it exists and the older one otherwise, so the SDK compiled against
 * kafka-clients 4 also runs on 3.9.
 */
public final class KafkaClientCompat {
  /** Whether {@code Consumer.close(CloseOptions)} exists (kafka-clients 4.1 and later). */
  private static final boolean CLOSE_OPTIONS =
      present("org.apache.kafka.clients.consumer.CloseOptions");

  private KafkaClientCompat() {}

  /**
   * Closes a consumer within a bound: leaves its group (the default membership operation) and
   * commits nothing; {@code close(CloseOptions.timeout(timeout))} on kafka-clients 4.1+, {@code
   * close(timeout)} before, which does the same there.
   *
   * @param consumer the consumer
   * @param timeout the most the close may wait
   */
  public static void close(Consumer<?, ?> consumer, Duration timeout) {
    if (CLOSE_OPTIONS) {
      WithCloseOptions.close(consumer, timeout);
    } else {
      closeWithDuration(consumer, timeout);
    }
  }

  /**
   * Whether this runtime's kafka-clients has {@code Consumer.close(CloseOptions)}.
   *
   * @return true on kafka-clients 4.1 and later
   */
  public static boolean hasCloseOptions() {
    return CLOSE_OPTIONS;
  }

  @SuppressWarnings("deprecation") // the only bounded close before kafka-clients 4.1
  private static void closeWithDuration(Consumer<?, ?> consumer, Duration timeout) {
    consumer.close(timeout);
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, KafkaClientCompat.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Loaded only where {@link CloseOptions} exists. */
  private static final class WithCloseOptions {
    static void close(Consumer<?, ?> consumer, Duration timeout) {
      consumer.close(CloseOptions.timeout(timeout));
    }
  }
}
