package io.recsys.ratings.benchmarks.observe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The CPU-time companion of {@link ConsumerObservationBenchmark} and {@link
 * ProducerObservationBenchmark}: the same work, timed with the CPU time of the thread doing it
 * (time spent descheduled by other processes does not count), modes interleaved within each round.
 * Prints the median CPU ns per record (or per call) of the measured rounds. Run:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.recsys.ratings.benchmarks.observe.ObservationCpuTime
 * </pre>
 */
public final class ObservationCpuTime {
  private static final String[] MODES = {
    "off", "micrometer", "micrometer-no-percentiles", "tracing", "both"
  };
  private static final int ROUNDS = 12;
  private static final int WARMUP_ROUNDS = 4;
  private static final int RUNS_PER_ROUND = 5;
  private static final int CALLS = 1_000_000;

  private static volatile Object sink;

  private ObservationCpuTime() {}

  /**
   * Runs the rounds and prints the medians.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ConsumerObservationBenchmark[] consumers = new ConsumerObservationBenchmark[MODES.length];
    List<List<Double>> consumerNs = new ArrayList<>();
    for (int m = 0; m < MODES.length; m++) {
      consumers[m] = new ConsumerObservationBenchmark();
      consumers[m].mode = MODES[m];
      consumers[m].prepare();
      consumerNs.add(new ArrayList<>());
    }
    ProducerObservationBenchmark producer = new ProducerObservationBenchmark();
    producer.prepare();
    String[] calls = {
      "headersOnly",
      "headersWithTraceContext",
      "observerOnAcknowledgement",
      "observerWithoutPercentiles"
    };
    List<List<Double>> producerNs = new ArrayList<>();
    for (int c = 0; c < calls.length; c++) {
      producerNs.add(new ArrayList<>());
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (int m = 0; m < MODES.length; m++) {
        int mode = (m + round) % MODES.length; // a different mode first in each round
        long cpu = 0;
        for (int run = 0; run < RUNS_PER_ROUND; run++) {
          consumers[mode].consumer();
          long t0 = threads.getCurrentThreadCpuTime();
          sink = consumers[mode].consume();
          cpu += threads.getCurrentThreadCpuTime() - t0;
        }
        if (round >= WARMUP_ROUNDS) {
          consumerNs
              .get(mode)
              .add(cpu / (double) (RUNS_PER_ROUND * ConsumerObservationBenchmark.RECORDS));
        }
      }
      for (int c = 0; c < calls.length; c++) {
        long t0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < CALLS; i++) {
          switch (c) {
            case 0 -> sink = producer.headersOnly();
            case 1 -> sink = producer.headersWithTraceContext();
            case 2 -> producer.observerOnAcknowledgement();
            default -> producer.observerWithoutPercentiles();
          }
        }
        long cpu = threads.getCurrentThreadCpuTime() - t0;
        if (round >= WARMUP_ROUNDS) {
          producerNs.get(c).add(cpu / (double) CALLS);
        }
      }
      System.out.printf(Locale.ROOT, "round %d of %d done%n", round + 1, ROUNDS);
    }
    System.out.println("consumer, CPU ns per record (median of rounds; min-max):");
    for (int m = 0; m < MODES.length; m++) {
      System.out.println("  " + MODES[m] + ": " + summary(consumerNs.get(m)));
    }
    System.out.println("producer, CPU ns per call (median of rounds; min-max):");
    for (int c = 0; c < calls.length; c++) {
      System.out.println("  " + calls[c] + ": " + summary(producerNs.get(c)));
    }
    for (ConsumerObservationBenchmark b : consumers) {
      b.close();
    }
    producer.close();
  }

  private static String summary(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median =
        v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    return String.format(
        Locale.ROOT,
        "%.0f (%.0f-%.0f) %s",
        median,
        v[0],
        v[v.length - 1],
        Arrays.toString(round(v)));
  }

  private static long[] round(double[] v) {
    return Arrays.stream(v).mapToLong(Math::round).toArray();
  }
}
