package io.recsys.ratings.client.producer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-partition counters that are lock-free on the hot path: an array indexed by partition that
 * grows (rarely) when a higher partition number shows up. With one writer thread (Kafka's producer
 * I/O thread, which runs every acknowledgement callback) the counters are plain longs stored with
 * release semantics: no atomic read-modify-write per record on the thread that bounds the
 * producer's throughput. With several writers they are {@link LongAdder}s.
 */
final class PartitionCounters {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  private final boolean singleWriter;
  private volatile LongAdder[] adders = new LongAdder[0];
  private volatile long[] values = new long[0]; // single writer: grown and written by it only

  /** Counters for any number of writer threads. */
  public PartitionCounters() {
    this(false);
  }

  /**
   * Counters.
   *
   * @param singleWriter whether one thread only (ever the same) calls {@link #increment(int)}
   */
  public PartitionCounters(boolean singleWriter) {
    this.singleWriter = singleWriter;
  }

  /**
   * Adds one to a partition's counter.
   *
   * @param partition the partition, zero or more (negative values are ignored)
   */
  public void increment(int partition) {
    if (partition < 0) {
      return;
    }
    if (singleWriter) {
      long[] current = values;
      if (partition >= current.length) {
        current = growValues(partition);
      }
      LONGS.setRelease(current, partition, current[partition] + 1);
      return;
    }
    LongAdder[] current = adders;
    LongAdder adder = partition < current.length ? current[partition] : null;
    if (adder == null) {
      adder = grow(partition);
    }
    adder.increment();
  }

  private long[] growValues(int partition) {
    long[] current = values;
    long[] bigger = new long[Math.max(partition + 1, current.length * 2)];
    for (int i = 0; i < current.length; i++) {
      bigger[i] = (long) LONGS.getAcquire(current, i);
    }
    values = bigger; // volatile: readers see the copied counts
    return bigger;
  }

  private synchronized LongAdder grow(int partition) {
    LongAdder[] current = adders;
    if (partition < current.length && current[partition] != null) {
      return current[partition];
    }
    LongAdder[] bigger = new LongAdder[Math.max(current.length, partition + 1)];
    System.arraycopy(current, 0, bigger, 0, current.length);
    bigger[partition] = new LongAdder();
    adders = bigger;
    return bigger[partition];
  }

  /**
   * The counts of every partition seen so far.
   *
   * @return an immutable map, sorted by partition
   */
  public Map<Integer, Long> snapshot() {
    Map<Integer, Long> out = new TreeMap<>();
    if (singleWriter) {
      long[] current = values;
      for (int i = 0; i < current.length; i++) {
        long v = (long) LONGS.getAcquire(current, i);
        if (v > 0) {
          out.put(i, v);
        }
      }
    } else {
      LongAdder[] current = adders;
      for (int i = 0; i < current.length; i++) {
        if (current[i] != null) {
          out.put(i, current[i].sum());
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
