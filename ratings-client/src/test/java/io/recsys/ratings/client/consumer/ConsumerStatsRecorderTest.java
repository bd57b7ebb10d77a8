package io.recsys.ratings.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerStatsRecorderTest {

  @Test
  void consumerStatsCountALatencyOfBothKindsInBoth() {
    ConsumerStatsRecorder stats = new ConsumerStatsRecorder();
    stats.eventAndRecordLatency(40);
    stats.recordLatency(90);
    stats.eventLatency(10);
    stats.flushLatencies();
    io.recsys.ratings.client.consumer.ConsumerStats s = stats.snapshot();
    assertThat(s.eventLatency().count()).isEqualTo(2);
    assertThat(s.recordLatency().count()).isEqualTo(2);
    assertThat(s.eventLatency().maxMs()).isCloseTo(40, within(0.05));
    assertThat(s.recordLatency().maxMs()).isCloseTo(90, within(0.05));
    assertThat(s.recordLatency().p50Ms()).isCloseTo(40, within(0.05));
  }

  @Test
  void ratingBucketsAreTheTenHalfStars() {
    assertThat(RatingDistribution.bucketOf(0.5)).isZero();
    assertThat(RatingDistribution.bucketOf(1.0)).isEqualTo(1);
    assertThat(RatingDistribution.bucketOf(3.5)).isEqualTo(6);
    assertThat(RatingDistribution.bucketOf(5.0)).isEqualTo(9);
    assertThat(RatingDistribution.bucketOf(0.0)).isEqualTo(-1);
    assertThat(RatingDistribution.bucketOf(5.5)).isEqualTo(-1);
    assertThat(RatingDistribution.bucketOf(3.2)).isEqualTo(-1);
    assertThat(RatingDistribution.bucketOf(Double.NaN)).isEqualTo(-1);
  }

  @Test
  void consumerLatenciesAreFlushedAtMostEvery100MillisecondsOrWhenAsked() {
    ConsumerStatsRecorder r = new ConsumerStatsRecorder();
    long t0 = System.nanoTime();
    r.flushLatencies();
    r.eventLatency(5);
    r.eventLatency(7);
    r.maybeFlushLatencies(t0); // flushed a moment ago: not yet
    assertThat(r.snapshot().eventLatency().count()).isZero();
    r.maybeFlushLatencies(System.nanoTime() + ConsumerStatsRecorder.FLUSH_EVERY_NANOS);
    assertThat(r.snapshot().eventLatency().count()).isEqualTo(2);
    r.eventLatency(9);
    r.flushLatencies(); // the end of a run, or a stats listener about to be called
    assertThat(r.snapshot().eventLatency().count()).isEqualTo(3);
    assertThat(r.snapshot().eventLatency().maxMs()).isCloseTo(9.0, within(0.01));
  }

  @Test
  void distributionCountsTotalAndMean() {
    ConsumerStatsRecorder r = new ConsumerStatsRecorder();
    for (double rating : new double[] {0.5, 4.0, 4.0, 5.0, 3.3}) {
      r.rating(rating);
    }
    RatingDistribution d = r.snapshot().ratingDistribution();
    assertThat(d.counts()).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 2L, 0L, 1L);
    assertThat(d.count(4.0)).isEqualTo(2);
    assertThat(d.total()).isEqualTo(4);
    assertThat(d.mean()).isEqualTo((0.5 + 4 + 4 + 5) / 4);
    assertThatThrownBy(() -> d.count(4.2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void consumerCountsAddUpAndLagSumsKnownPartitions() {
    ConsumerStatsRecorder r = new ConsumerStatsRecorder();
    r.count(RecordKind.VALID);
    r.count(RecordKind.VALID);
    r.count(RecordKind.INVALID);
    r.count(RecordKind.MALFORMED);
    r.count(RecordKind.PROCESSING_ERROR);
    r.deadLettered(RecordKind.INVALID, false);
    r.deadLettered(RecordKind.MALFORMED, true);
    r.deadLettered(RecordKind.PROCESSING_ERROR, false);
    r.partitions(
        List.of(
            new PartitionProgress("t", 0, 10, 5),
            new PartitionProgress("t", 1, 7, -1),
            new PartitionProgress("t", 2, 3, 2)));
    ConsumerStats s = r.snapshot();
    assertThat(s.received()).isEqualTo(5);
    assertThat(s.count(RecordKind.VALID)).isEqualTo(2);
    assertThat(s.count(RecordKind.PROCESSING_ERROR)).isEqualTo(1);
    assertThat(s.deadLettered()).isEqualTo(3);
    assertThat(s.failures().deadLetteredInvalid()).isEqualTo(1);
    assertThat(s.failures().deadLetteredMalformed()).isEqualTo(1);
    assertThat(s.failures().deadLetteredProcessingError()).isEqualTo(1);
    assertThat(s.failures().reducedDeadLetters()).isEqualTo(1);
    assertThat(s.totalLag()).isEqualTo(7);
    assertThat(s.eventCount()).isEqualTo(5);
  }
}
