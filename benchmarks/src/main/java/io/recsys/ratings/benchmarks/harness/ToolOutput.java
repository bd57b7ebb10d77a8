package io.recsys.ratings.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the figures out of the output of Kafka's perf tools and of the SDK workers. */
final class ToolOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** ProducerPerformance's summary line (Kafka 4.3: latencies in whole milliseconds). */
  private static final Pattern PRODUCER_TOTAL =
      Pattern.compile(
          "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg"
              + " latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms"
              + " 99th, (\\d+) ms 99.9th");

  private ToolOutput() {}

  /** The summary of a ProducerPerformance run: its first full summary line. */
  static ToolProducerRun producerPerformance(String output) {
    Matcher m = PRODUCER_TOTAL.matcher(output);
    if (!m.find()) {
      throw new HarnessException("no summary line in ProducerPerformance's output:\n" + output);
    }
    return new ToolProducerRun(
        Long.parseLong(m.group(1)),
        Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3)),
        Double.parseDouble(m.group(4)),
        Double.parseDouble(m.group(5)),
        Double.parseDouble(m.group(6)),
        Double.parseDouble(m.group(8)),
        Double.parseDouble(m.group(9)));
  }

  /**
   * The data line of a ConsumerPerformance run: start.time, end.time, data.consumed.in.MB, MB.sec,
   * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec,
   * fetch.nMsg.sec.
   */
  static ToolConsumerRun consumerPerformance(String output) {
    List<String> lines = output.lines().toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      String[] f = lines.get(i).split(",\\s*");
      if (f.length != 10) {
        continue;
      }
      try {
        return new ToolConsumerRun(
            Double.parseDouble(f[2]),
            Double.parseDouble(f[3]),
            Long.parseLong(f[4]),
            Double.parseDouble(f[5]),
            Double.parseDouble(f[6]),
            Double.parseDouble(f[7]) / 1000.0,
            Double.parseDouble(f[8]),
            Double.parseDouble(f[9]));
      } catch (NumberFormatException e) {
        // the header or another line with ten fields
      }
    }
    throw new HarnessException("no data line in ConsumerPerformance's output:\n" + output);
  }

  /** The result line of an SDK worker (the last one), read as the worker's result type. */
  static <T> T worker(String output, Class<T> type) {
    List<String> lines = output.lines().filter(l -> l.startsWith(Workers.RESULT_PREFIX)).toList();
    if (lines.isEmpty()) {
      throw new HarnessException("no result line in the worker's output:\n" + output);
    }
    try {
      return JSON.readValue(
          lines.get(lines.size() - 1).substring(Workers.RESULT_PREFIX.length()), type);
    } catch (Exception e) {
      throw new HarnessException("unreadable worker result: " + e, e);
    }
  }

  /** The line a worker prints for its result. */
  static String resultLine(Object result) {
    try {
      return Workers.RESULT_PREFIX + JSON.writeValueAsString(result);
    } catch (Exception e) {
      throw new HarnessException("could not write a worker result: " + e, e);
    }
  }
}
