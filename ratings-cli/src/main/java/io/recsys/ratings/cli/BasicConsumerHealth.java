package io.recsys.ratings.cli;

import io.recsys.ratings.client.consumer.ConsumerObserver;
import io.recsys.ratings.client.consumer.PartitionProgress;
import io.recsys.ratings.client.consumer.RecordKind;
import io.recsys.ratings.client.consumer.RecordOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The consumer's health as its observer sees it: running or not, records done, partitions assigned,
 * and the time since its loop last reported (it reports its positions about once a second between
 * polls, and each record it processes).
 */
final class BasicConsumerHealth implements HealthSource, ConsumerObserver {
  private final LongAdder records = new LongAdder();
  private volatile boolean running;
  private volatile long lastPollNanos;
  private volatile int partitions;

  void running(boolean running) {
    this.running = running;
  }

  @Override
  public void onRecord(
      String topic, int partition, RecordOutcome outcome, RecordKind kind, long handlerNanos) {
    if (outcome != RecordOutcome.HANDLER_FAILED) {
      records.increment();
    }
    lastPollNanos = System.nanoTime();
  }

  @Override
  public void onPartitions(List<PartitionProgress> assigned) {
    partitions = assigned.size();
    lastPollNanos = System.nanoTime();
  }

  @Override
  public boolean up() {
    return running;
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("running", running);
    d.put("records", records.sum());
    d.put("assignedPartitions", partitions);
    long last = lastPollNanos;
    d.put(
        "lastPollAgeMs",
        last == 0 ? null : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - last));
    return d;
  }
}
