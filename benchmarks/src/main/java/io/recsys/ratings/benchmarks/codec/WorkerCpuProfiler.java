package io.recsys.ratings.benchmarks.codec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the CPU time of the benchmark's worker threads per operation ({@code
 * cpu.time.norm}, ns/op), next to JMH's wall-clock score. On a shared machine a thread that waits
 * for a core accrues wall time but no CPU time, so this figure swings far less with the load of
 * other processes; JIT compiler and GC threads are not counted. Run:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar -prof io.recsys.ratings.benchmarks.codec.WorkerCpuProfiler Codec
 * </pre>
 */
public final class WorkerCpuProfiler implements InternalProfiler {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> before = Map.of();

  /** Creates the profiler; JMH calls this by reflection. */
  public WorkerCpuProfiler() {
    if (!threads.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM does not measure thread CPU time");
    }
    threads.setThreadCpuTimeEnabled(true);
  }

  @Override
  public String getDescription() {
    return "CPU time of the benchmark's worker threads per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCpuTimes();
  }

  @Override
  public List<ScalarResult> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    Map<Long, Long> after = workerCpuTimes();
    long cpu = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      // a worker started during this iteration had used no CPU before it
      cpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    long ops = result.getMetadata().getAllOps();
    if (ops <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpu.time.norm", cpu / (double) ops, "ns/op", AggregationPolicy.AVG));
  }

  /** Thread id to CPU nanoseconds, for every live JMH worker thread of this JVM. */
  private Map<Long, Long> workerCpuTimes() {
    Map<Long, Long> times = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("jmh-worker")) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        if (cpu >= 0) {
          times.put(info.getThreadId(), cpu);
        }
      }
    }
    return times;
  }
}
