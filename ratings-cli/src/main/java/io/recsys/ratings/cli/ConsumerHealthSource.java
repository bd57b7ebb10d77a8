package io.recsys.ratings.cli;

import io.recsys.ratings.client.consumer.ConsumerHealth;
import io.recsys.ratings.client.consumer.ConsumerObserver;
import io.recsys.ratings.client.consumer.PartitionProgress;
import io.recsys.ratings.client.consumer.RecordKind;
import io.recsys.ratings.client.consumer.RecordOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What {@code /health} shows: the {@link ConsumerHealth} of the running consumer or runtime (state,
 * live, ready, partitions, lag, time since the last poll, last error) and the records it has done.
 * Up (200) while it is live and ready, that is running with its assignment; down (503) before,
 * after, and when a consumer failed.
 */
final class ConsumerHealthSource implements HealthSource, ConsumerObserver {
  private final LongAdder records = new LongAdder();
  private volatile Supplier<ConsumerHealth> health;

  /** The consumer (or runtime) whose health to serve; null once its run has ended. */
  void serve(Supplier<ConsumerHealth> source) {
    this.health = source;
  }

  @Override
  public void onRecord(
      String topic, int partition, RecordOutcome outcome, RecordKind kind, long handlerNanos) {
    if (outcome != RecordOutcome.HANDLER_FAILED) {
      records.increment();
    }
  }

  @Override
  public void onPartitions(List<PartitionProgress> assigned) {}

  private Optional<ConsumerHealth> current() {
    Supplier<ConsumerHealth> source = health;
    return source == null ? Optional.empty() : Optional.of(source.get());
  }

  @Override
  public boolean up() {
    return current().map(h -> h.live() && h.ready()).orElse(false);
  }

  @Override
  public Map<String, Object> details() {
    Map<String, Object> d = new LinkedHashMap<>();
    Optional<ConsumerHealth> now = current();
    d.put("state", now.map(h -> h.state().name()).orElse("STOPPED"));
    d.put("running", now.map(h -> h.live()).orElse(false));
    d.put("live", now.map(h -> h.live()).orElse(false));
    d.put("ready", now.map(h -> h.ready()).orElse(false));
    d.put("consumers", now.map(h -> h.members().size()).orElse(0));
    d.put("records", records.sum());
    d.put("assignedPartitions", now.map(h -> h.assignedPartitions().size()).orElse(0));
    d.put("totalLag", now.map(ConsumerHealth::totalLag).orElse(0L));
    d.put(
        "lastPollAgeMs",
        now.flatMap(
                h ->
                    h.members().stream()
                        .map(ConsumerHealth.Member::sinceLastPoll)
                        .flatMap(Optional::stream)
                        .max(Duration::compareTo))
            .map(Duration::toMillis)
            .orElse(null));
    d.put(
        "lastError",
        now.flatMap(ConsumerHealth::lastError)
            .map(e -> e.type() + ": " + e.message())
            .orElse(null));
    return d;
  }
}
