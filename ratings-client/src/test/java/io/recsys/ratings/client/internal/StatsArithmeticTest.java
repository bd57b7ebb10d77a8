package io.recsys.ratings.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.recsys.ratings.client.LatencySummary;
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
  void ratePerSecond() {
    assertThat(Rates.perSecond(500, 250_000_000L)).isEqualTo(2000.0);
    assertThat(Rates.perSecond(10, 0)).isZero();
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
}
