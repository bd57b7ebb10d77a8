package io.recsys.ratings.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.recsys.ratings.client.ClientStats;
import io.recsys.ratings.client.ConsumerStats;
import io.recsys.ratings.client.LatencySummary;
import io.recsys.ratings.client.PartitionProgress;
import io.recsys.ratings.client.ProducerStats;
import io.recsys.ratings.client.RatingDistribution;
import io.recsys.ratings.client.RecordClass;
import io.recsys.ratings.schema.MetricsEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatsArithmeticTest {

  @Test
  void latencyPercentilesOfOneToThousandMillis() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int ms = 1; ms <= 1000; ms++) {
      recorder.recordMillis(ms);
    }
    LatencySummary s = recorder.summary();
    assertThat(s.count()).isEqualTo(1000);
    // three significant digits: every figure within 0.1 %
    assertThat(s.p50Ms()).isCloseTo(500, within(0.5));
    assertThat(s.p95Ms()).isCloseTo(950, within(1.0));
    assertThat(s.p99Ms()).isCloseTo(990, within(1.0));
    assertThat(s.p999Ms()).isCloseTo(999, within(1.0));
    assertThat(s.maxMs()).isCloseTo(1000, within(1.0));
    assertThat(s.meanMs()).isCloseTo(500.5, within(0.5));
  }

  @Test
  void latencySummaryIsCumulativeAcrossSnapshots() {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.recordNanos(2_000_000);
    assertThat(recorder.summary().count()).isEqualTo(1);
    recorder.recordNanos(4_000_000);
    LatencySummary s = recorder.summary();
    assertThat(s.count()).isEqualTo(2);
    assertThat(s.maxMs()).isCloseTo(4.0, within(0.01));
    assertThat(s.p50Ms()).isCloseTo(2.0, within(0.01));
  }

  @Test
  void negativeLatenciesCountAsZeroAndEmptyIsAllZero() {
    assertThat(new LatencyRecorder().summary()).isEqualTo(LatencySummary.EMPTY);
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.recordMillis(-5);
    assertThat(recorder.summary().maxMs()).isZero();
    assertThat(recorder.summary().count()).isEqualTo(1);
  }

  @Test
  void latencyRecordingFromManyThreadsLosesNothing() throws Exception {
    LatencyRecorder recorder = new LatencyRecorder();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.execute(
          () -> {
            for (int i = 0; i < 25_000; i++) {
              recorder.recordNanos(1_000_000);
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(recorder.summary().count()).isEqualTo(100_000);
  }

  @Test
  void batchedLatenciesBecomeVisibleAtFlushAndAccumulate() {
    BatchedLatencyRecorder recorder = new BatchedLatencyRecorder();
    recorder.recordMillis(10);
    recorder.recordMillis(30);
    assertThat(recorder.summary().count()).isZero();
    recorder.flush();
    recorder.recordMillis(-3);
    recorder.flush();
    LatencySummary s = recorder.summary();
    assertThat(s.count()).isEqualTo(3);
    assertThat(s.maxMs()).isCloseTo(30, within(0.05));
    assertThat(s.p50Ms()).isCloseTo(10, within(0.05));
  }

  @Test
  void batchedLatenciesCountedInRunsSummariseExactlyLikeEveryValueRecorded() {
    java.util.Random random = new java.util.Random(20261124);
    BatchedLatencyRecorder recorder = new BatchedLatencyRecorder();
    org.HdrHistogram.Histogram each = new org.HdrHistogram.Histogram(3);
    long backlog = 5_000_000; // a backlog read oldest first: latencies fall, runs are long
    for (int batch = 0; batch < 200; batch++) {
      for (int i = 0; i < 500; i++) {
        long millis =
            switch (batch % 4) {
              case 0 -> backlog -= random.nextInt(3);
              case 1 -> 5 + random.nextInt(20); // live traffic: a few ms, short runs
              case 2 -> random.nextInt(3) - 1; // zero and negative
              default -> random.nextInt(10) == 0 ? random.nextLong(1L << 40) : 7;
            };
        recorder.recordMillis(millis);
        each.recordValue(millis <= 0 ? 0 : millis * 1000);
      }
      if (batch % 3 == 0) {
        recorder.flush();
      }
    }
    recorder.flush();
    assertThat(recorder.summary()).isEqualTo(LatencyRecorder.summarize(each));
    assertThat(recorder.summary().count()).isEqualTo(100_000);
  }

  @Test
  void aFeedingRecorderCountsInBothSummariesExactlyAsRecordingInEach() {
    java.util.Random random = new java.util.Random(7);
    BatchedLatencyRecorder event = new BatchedLatencyRecorder();
    BatchedLatencyRecorder record = new BatchedLatencyRecorder();
    BatchedLatencyRecorder both = BatchedLatencyRecorder.feeding(event, record);
    org.HdrHistogram.Histogram eventEach = new org.HdrHistogram.Histogram(3);
    org.HdrHistogram.Histogram recordEach = new org.HdrHistogram.Histogram(3);
    for (int i = 0; i < 20_000; i++) {
      long millis = 1 + random.nextInt(5_000);
      switch (i % 5) {
        case 0 -> { // the timestamps differ: one value each
          event.recordMillis(millis);
          eventEach.recordValue(millis * 1000);
          record.recordMillis(millis + 3);
          recordEach.recordValue((millis + 3) * 1000);
        }
        case 1 -> { // malformed: only the record's
          record.recordMillis(millis);
          recordEach.recordValue(millis * 1000);
        }
        default -> {
          both.recordMillis(millis);
          eventEach.recordValue(millis * 1000);
          recordEach.recordValue(millis * 1000);
        }
      }
      if (i % 1_000 == 999) {
        event.flush();
        record.flush();
        both.flush();
      }
    }
    both.recordMillis(1); // not flushed yet: in neither summary
    assertThat(event.summary()).isEqualTo(LatencyRecorder.summarize(eventEach));
    assertThat(record.summary()).isEqualTo(LatencyRecorder.summarize(recordEach));
    assertThat(event.summary().count()).isEqualTo(16_000);
    assertThat(record.summary().count()).isEqualTo(20_000);
    both.flush();
    assertThat(event.summary().count()).isEqualTo(16_001);
    assertThat(record.summary().count()).isEqualTo(20_001);
  }

  @Test
  void consumerStatsCountALatencyOfBothKindsInBoth() {
    ConsumerStatsRecorder stats = new ConsumerStatsRecorder();
    stats.eventAndRecordLatency(40);
    stats.recordLatency(90);
    stats.eventLatency(10);
    stats.flushLatencies();
    io.recsys.ratings.client.ConsumerStats s = stats.snapshot();
    assertThat(s.eventLatency().count()).isEqualTo(2);
    assertThat(s.recordLatency().count()).isEqualTo(2);
    assertThat(s.eventLatency().maxMs()).isCloseTo(40, within(0.05));
    assertThat(s.recordLatency().maxMs()).isCloseTo(90, within(0.05));
    assertThat(s.recordLatency().p50Ms()).isCloseTo(40, within(0.05));
  }

  @Test
  void ratePerSecond() {
    assertThat(Rates.perSecond(500, 250_000_000L)).isEqualTo(2000.0);
    assertThat(Rates.perSecond(10, 0)).isZero();
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
    r.count(RecordClass.VALID);
    r.count(RecordClass.VALID);
    r.count(RecordClass.INVALID);
    r.count(RecordClass.MALFORMED);
    r.count(RecordClass.PROCESSING_ERROR);
    r.deadLettered(RecordClass.INVALID, false);
    r.deadLettered(RecordClass.MALFORMED, true);
    r.deadLettered(RecordClass.PROCESSING_ERROR, false);
    r.partitions(
        List.of(
            new PartitionProgress("t", 0, 10, 5),
            new PartitionProgress("t", 1, 7, -1),
            new PartitionProgress("t", 2, 3, 2)));
    ConsumerStats s = r.snapshot();
    assertThat(s.received()).isEqualTo(5);
    assertThat(s.count(RecordClass.VALID)).isEqualTo(2);
    assertThat(s.count(RecordClass.PROCESSING_ERROR)).isEqualTo(1);
    assertThat(s.deadLettered()).isEqualTo(3);
    assertThat(s.failures().deadLetteredInvalid()).isEqualTo(1);
    assertThat(s.failures().deadLetteredMalformed()).isEqualTo(1);
    assertThat(s.failures().deadLetteredProcessingError()).isEqualTo(1);
    assertThat(s.failures().reducedDeadLetters()).isEqualTo(1);
    assertThat(s.totalLag()).isEqualTo(7);
    assertThat(s.eventCount()).isEqualTo(5);
  }

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

  @Test
  void singleWriterLatencyRunsSummariseExactlyLikeEveryValueRecorded() {
    java.util.Random random = new java.util.Random(7);
    LatencyRecorder recorder = new LatencyRecorder(true);
    org.HdrHistogram.Histogram each = new org.HdrHistogram.Histogram(3);
    for (int i = 0; i < 100_000; i++) {
      long nanos =
          switch ((i / 1000) % 3) {
            case 0 -> 50_000_000L + i * 1_700L; // a batch: send times close together
            case 1 -> random.nextLong(2_000_000_000L); // scattered
            default -> random.nextInt(3) - 1; // zero and negative
          };
      recorder.recordNanos(nanos);
      each.recordValue(nanos <= 0 ? 0 : nanos / 1_000);
      if (i % 9_999 == 0) { // a summary in the middle of a run changes nothing
        assertThat(recorder.summary().count()).isEqualTo(i + 1);
      }
    }
    assertThat(recorder.summary()).isEqualTo(LatencyRecorder.summarize(each));
    assertThat(recorder.summary()).isEqualTo(LatencyRecorder.summarize(each)); // run not consumed
  }

  @Test
  void singleWriterLatenciesAreSeenExactlyByAReaderThread() throws Exception {
    LatencyRecorder recorder = new LatencyRecorder(true);
    java.util.concurrent.atomic.AtomicLong published = new java.util.concurrent.atomic.AtomicLong();
    Thread writer =
        new Thread(
            () -> {
              for (int i = 1; i <= 400_000; i++) {
                recorder.recordNanos((i / 100) * 1_000L); // runs of about 100 values
                published.lazySet(i); // like completing the send's future after the stats
              }
            });
    writer.start();
    long last = 0;
    while (writer.isAlive()) {
      long seenBefore = published.get();
      long count = recorder.summary().count();
      assertThat(count).isGreaterThanOrEqualTo(Math.max(last, seenBefore));
      last = count;
    }
    writer.join();
    assertThat(recorder.summary().count()).isEqualTo(400_000);
  }

  @Test
  void metricsWindowHasDeltaCountAndRate() {
    ClientStats now =
        new ClientStats() {
          @Override
          public long timestampMs() {
            return 12_000;
          }

          @Override
          public long eventCount() {
            return 1_500;
          }

          @Override
          public LatencySummary latency() {
            return new LatencySummary(1500, 2, 1, 3, 4, 5, 6);
          }
        };
    MetricsEvent e = MetricsWindows.window("src", 10_000, 500, now);
    assertThat(e.windowStart()).isEqualTo(10_000);
    assertThat(e.windowEnd()).isEqualTo(12_000);
    assertThat(e.count()).isEqualTo(1_000);
    assertThat(e.throughput()).isEqualTo(500.0);
    assertThat(e.latencyP50Ms()).isEqualTo(1);
    assertThat(e.latencyP95Ms()).isEqualTo(3);
    assertThat(e.latencyP99Ms()).isEqualTo(4);
    assertThat(MetricsWindows.window("src", 12_000, 1_500, now).throughput()).isZero();
  }
}
