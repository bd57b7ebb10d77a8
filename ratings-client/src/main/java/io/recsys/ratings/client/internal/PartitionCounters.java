package io.recsys.ratings.client.internal;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-partition counters that are lock-free on the hot path: an array indexed by partition that
 * grows (rarely, under a lock) when a higher partition number shows up.
 */
public final class PartitionCounters {
  private volatile LongAdder[] counters = new LongAdder[0];

  /**
   * Adds one to a partition's counter.
   *
   * @param partition the partition, zero or more (negative values are ignored)
   */
  public void increment(int partition) {
    if (partition < 0) {
      return;
    }
    LongAdder[] current = counters;
    LongAdder adder = partition < current.length ? current[partition] : null;
    if (adder == null) {
      adder = grow(partition);
    }
    adder.increment();
  }

  private synchronized LongAdder grow(int partition) {
    LongAdder[] current = counters;
    if (partition < current.length && current[partition] != null) {
      return current[partition];
    }
    LongAdder[] bigger = new LongAdder[Math.max(current.length, partition + 1)];
    System.arraycopy(current, 0, bigger, 0, current.length);
    bigger[partition] = new LongAdder();
    counters = bigger;
    return bigger[partition];
  }

  /**
   * The counts of every partition seen so far.
   *
   * @return an immutable map, sorted by partition
   */
  public Map<Integer, Long> snapshot() {
    LongAdder[] current = counters;
    Map<Integer, Long> out = new TreeMap<>();
    for (int i = 0; i < current.length; i++) {
      if (current[i] != null) {
        out.put(i, current[i].sum());
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
