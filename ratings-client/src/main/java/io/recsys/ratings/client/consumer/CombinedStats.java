package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.LatencySummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The stats of a runtime's members as one {@link ConsumerStats}. */
final class CombinedStats {
  private CombinedStats() {}

  /**
   * Adds up the members' stats: counts, rating distributions and failure counters are sums, the
   * partitions are all the members', the elapsed time the longest, the throughput the records of
   * all per second of that time. Latency percentiles cannot be added up from summaries: each is the
   * highest of the members' (an upper bound), the mean is weighted by count, the maximum is exact.
   * {@link #of(List, LatencySummary, LatencySummary)} takes exact ones.
   *
   * @param all the members' stats
   * @return the combined stats; zero counts for no member
   */
  static ConsumerStats of(List<ConsumerStats> all) {
    if (all.size() == 1) {
      return all.get(0);
    }
    return of(
        all, latency(all, ConsumerStats::eventLatency), latency(all, ConsumerStats::recordLatency));
  }

  /**
   * Adds up the members' stats as {@link #of(List)} does, with latencies summarised from all the
   * members' values together (their histograms merged).
   *
   * @param all the members' stats
   * @param eventLatency the event-timestamp latency of all members
   * @param recordLatency the record-timestamp latency of all members
   * @return the combined stats
   */
  static ConsumerStats of(
      List<ConsumerStats> all, LatencySummary eventLatency, LatencySummary recordLatency) {
    Duration elapsed = Duration.ZERO;
    long received = 0;
    long valid = 0;
    long invalid = 0;
    long malformed = 0;
    long errors = 0;
    long deadLettered = 0;
    long[] ratings = new long[RatingDistribution.BUCKETS];
    List<PartitionProgress> partitions = new ArrayList<>();
    long[] f = new long[13];
    for (ConsumerStats s : all) {
      elapsed = s.elapsed().compareTo(elapsed) > 0 ? s.elapsed() : elapsed;
      received += s.received();
      valid += s.valid();
      invalid += s.invalid();
      malformed += s.malformed();
      errors += s.processingErrors();
      deadLettered += s.deadLettered();
      for (int b = 0; b < RatingDistribution.BUCKETS; b++) {
        ratings[b] += s.ratingDistribution().counts().get(b);
      }
      partitions.addAll(s.partitions());
      FailureStats x = s.failures();
      long[] v = {
        x.handlerFailures(),
        x.retries(),
        x.recoveredAfterRetry(),
        x.notRetryable(),
        x.sentToRetryTopic(),
        x.deadLetteredInvalid(),
        x.deadLetteredMalformed(),
        x.deadLetteredProcessingError(),
        x.reducedDeadLetters(),
        x.skipped(),
        x.dropped(),
        x.stopped(),
        x.topicRecreations()
      };
      for (int i = 0; i < f.length; i++) {
        f[i] += v[i];
      }
    }
    partitions.sort(
        Comparator.comparing(PartitionProgress::topic)
            .thenComparingInt(PartitionProgress::partition));
    List<Long> buckets = new ArrayList<>();
    for (long r : ratings) {
      buckets.add(r);
    }
    double seconds = elapsed.toNanos() / 1e9;
    return new ConsumerStats(
        System.currentTimeMillis(),
        elapsed,
        received,
        valid,
        invalid,
        malformed,
        errors,
        deadLettered,
        seconds <= 0 ? 0 : received / seconds,
        eventLatency,
        recordLatency,
        new RatingDistribution(buckets),
        partitions,
        new FailureStats(
            f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]));
  }

  private static LatencySummary latency(
      List<ConsumerStats> all, Function<ConsumerStats, LatencySummary> which) {
    long count = 0;
    double weighted = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double p999 = 0;
    double max = 0;
    for (ConsumerStats s : all) {
      LatencySummary l = which.apply(s);
      if (l.count() == 0) {
        continue;
      }
      count += l.count();
      weighted += l.meanMs() * l.count();
      p50 = Math.max(p50, l.p50Ms());
      p95 = Math.max(p95, l.p95Ms());
      p99 = Math.max(p99, l.p99Ms());
      p999 = Math.max(p999, l.p999Ms());
      max = Math.max(max, l.maxMs());
    }
    return count == 0
        ? LatencySummary.EMPTY
        : new LatencySummary(count, weighted / count, p50, p95, p99, p999, max);
  }
}
