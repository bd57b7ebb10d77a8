package io.recsys.ratings.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/** Runs on every supported kafka-clients (the compat build runs it on 3.9 as well). */
class KafkaClientCompatTest {

  @Test
  @SuppressWarnings("deprecation") // both forms exist from 3.9 to 4.3; 4.x deprecates the old ones
  void closeUsesTheBoundedCloseThisKafkaClientsHas() {
    List<String> calls = new ArrayList<>();
    MockConsumer<byte[], byte[]> consumer =
        new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
          @Override
          public synchronized void close(Duration timeout) {
            calls.add("close(" + timeout.toMillis() + " ms)");
            super.close(timeout);
          }

          @Override
          public void close(CloseOptions options) {
            calls.add("close(options)");
            super.close(options);
          }
        };

    KafkaClientCompat.close(consumer, Duration.ofMillis(1500));

    assertThat(consumer.closed()).isTrue();
    boolean closeOptions = atLeast(AppInfoParser.getVersion(), 4, 1);
    assertThat(KafkaClientCompat.hasCloseOptions()).isEqualTo(closeOptions);
    assertThat(calls).containsExactly(closeOptions ? "close(options)" : "close(1500 ms)");
  }

  private static boolean atLeast(String version, int major, int minor) {
    String[] parts = version.split("[.-]");
    int ma = Integer.parseInt(parts[0]);
    int mi = Integer.parseInt(parts[1]);
    return ma > major || (ma == major && mi >= minor);
  }
}
