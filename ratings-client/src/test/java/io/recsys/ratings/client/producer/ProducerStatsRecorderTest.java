package io.recsys.ratings.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class ProducerStatsRecorderTest {

  @Test
  void producerInFlightIsSentMinusOutcomesAndPartitionsAreCounted() {
    ProducerStatsRecorder r = new ProducerStatsRecorder();
    for (int i = 0; i < 5; i++) {
      r.sent();
    }
    r.acknowledged(0, 1_000_000);
    r.acknowledged(2, 3_000_000);
    r.acknowledged(2, 3_000_000);
    r.failed();
    r.rejected();
    ProducerStats s = r.snapshot();
    assertThat(s.sent()).isEqualTo(5);
    assertThat(s.acknowledged()).isEqualTo(3);
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.rejected()).isEqualTo(1);
    assertThat(s.inFlight()).isEqualTo(1);
    assertThat(s.acknowledgedPerPartition())
        .containsExactly(
            org.assertj.core.api.Assertions.entry(0, 1L),
            org.assertj.core.api.Assertions.entry(2, 2L));
    assertThat(s.sendToAckLatency().maxMs()).isCloseTo(3.0, within(0.01));
    assertThat(s.throughputPerSecond()).isPositive();
  }

  @Test
  void partitionCountersGrowAndIgnoreNegativePartitions() {
    for (boolean singleWriter : new boolean[] {false, true}) {
      PartitionCounters c = new PartitionCounters(singleWriter);
      c.increment(5);
      c.increment(1);
      c.increment(5);
      c.increment(-1);
      c.increment(40); // grows past the doubled size
      c.increment(5);
      assertThat(new ArrayList<>(c.snapshot().keySet())).containsExactly(1, 5, 40);
      assertThat(c.snapshot().get(5)).isEqualTo(3);
      assertThat(c.snapshot().get(40)).isEqualTo(1);
    }
  }

  @Test
  void singleWriterPartitionCountersAreSeenExactlyByAReaderThread() throws Exception {
    PartitionCounters c = new PartitionCounters(true);
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; i < 600_000; i++) {
                c.increment(i % 6);
              }
            });
    writer.start();
    long last = 0;
    while (writer.isAlive()) { // counts seen while writing never go down
      long sum = c.snapshot().values().stream().mapToLong(Long::longValue).sum();
      assertThat(sum).isGreaterThanOrEqualTo(last);
      last = sum;
    }
    writer.join();
    assertThat(c.snapshot()).hasSize(6).allSatisfy((p, n) -> assertThat(n).isEqualTo(100_000));
  }
}
