package io.recsys.ratings.benchmarks.harness;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** The summary of a ProducerPerformance run. */
  static Map<String, Object> producerPerformance(String output) {
    Matcher m = PRODUCER_TOTAL.matcher(output);
    Map<String, Object> r = null;
    while (m.find()) { // the last summary line (a steady-state line could follow the total)
      r = new LinkedHashMap<>();
      r.put("records", Long.parseLong(m.group(1)));
      r.put("recordsPerSec", Double.parseDouble(m.group(2)));
      r.put("mbPerSec", Double.parseDouble(m.group(3)));
      r.put("latencyAvgMs", Double.parseDouble(m.group(4)));
      r.put("latencyMaxMs", Double.parseDouble(m.group(5)));
      r.put("latencyP50Ms", Double.parseDouble(m.group(6)));
      r.put("latencyP99Ms", Double.parseDouble(m.group(8)));
      r.put("latencyP999Ms", Double.parseDouble(m.group(9)));
      break;
    }
    if (r == null) {
      throw new HarnessException("no summary line in ProducerPerformance's output:\n" + output);
    }
    return r;
  }

  /**
   * The data line of a ConsumerPerformance run: start.time, end.time, data.consumed.in.MB, MB.sec,
   * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec,
   * fetch.nMsg.sec.
   */
  static Map<String, Object> consumerPerformance(String output) {
    List<String> lines = output.lines().toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      String[] f = lines.get(i).split(",\\s*");
      if (f.length != 10) {
        continue;
      }
      try {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mb", Double.parseDouble(f[2]));
        r.put("mbPerSec", Double.parseDouble(f[3]));
        r.put("records", Long.parseLong(f[4]));
        r.put("recordsPerSec", Double.parseDouble(f[5]));
        r.put("rebalanceMs", Double.parseDouble(f[6]));
        r.put("fetchSeconds", Double.parseDouble(f[7]) / 1000.0);
        r.put("fetchMbPerSec", Double.parseDouble(f[8]));
        r.put("fetchRecordsPerSec", Double.parseDouble(f[9]));
        return r;
      } catch (NumberFormatException e) {
        // the header or another line with ten fields
      }
    }
    throw new HarnessException("no data line in ConsumerPerformance's output:\n" + output);
  }

  /** The result line of an SDK worker. */
  static Map<String, Object> worker(String output) {
    List<String> lines = output.lines().filter(l -> l.startsWith(Workers.RESULT_PREFIX)).toList();
    if (lines.isEmpty()) {
      throw new HarnessException("no result line in the worker's output:\n" + output);
    }
    try {
      return JSON.readValue(
          lines.get(lines.size() - 1).substring(Workers.RESULT_PREFIX.length()),
          new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (Exception e) {
      throw new HarnessException("unreadable worker result: " + e, e);
    }
  }
}
