package io.recsys.ratings.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary of a harness run: means over the rounds, SDK/tool ratios, goals, and the Markdown
 * table. Ratios are SDK figure / Kafka tool figure of the same rounds: above 1 is better for
 * throughput, below 1 is better for latency.
 */
final class Report {
  static final double PRODUCER_GOAL = 0.95;
  static final double CONSUMER_GOAL = 0.90;
  static final double E2E_P99_GOAL_MS = 50;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> report;
  private final Options options;
  private final List<Map<String, Object>> rounds;
  private final Map<String, Map<String, Double>> means = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  Report(Map<String, Object> report, Options options) {
    this.report = report;
    this.options = options;
    this.rounds = (List<Map<String, Object>>) report.get("rounds");
    for (Map<String, Object> round : rounds) {
      // The SDK consumer cannot see record sizes; its MB/s uses the bytes per record that
      // ConsumerPerformance measured on the same topic in the same round.
      Map<String, Object> tool = (Map<String, Object>) round.get("consumerPerformance");
      double bytesPerRecord = num(tool, "mb") / num(tool, "records");
      for (String key : List.of("ratingConsumer", "ratingConsumerSynchronous")) {
        Map<String, Object> sdk = (Map<String, Object>) round.get(key);
        sdk.put("mbPerSec", num(sdk, "recordsPerSec") * bytesPerRecord);
        sdk.put("fetchMbPerSec", num(sdk, "fetchRecordsPerSec") * bytesPerRecord);
      }
    }
    for (String w :
        List.of(
            "producerPerformance",
            "ratingProducer",
            "ratingProducerSend",
            "consumerPerformance",
            "ratingConsumer",
            "ratingConsumerSynchronous",
            "kafkaConsumerCommitSync")) {
      Map<String, Double> m = new LinkedHashMap<>();
      for (String f :
          List.of(
              "recordsPerSec",
              "mbPerSec",
              "latencyP50Ms",
              "latencyP99Ms",
              "fetchRecordsPerSec",
              "fetchMbPerSec")) {
        double sum = 0;
        int n = 0;
        for (Map<String, Object> round : rounds) {
          Double v = Harness.num((Map<String, Object>) round.get(w), f);
          if (v != null) {
            sum += v;
            n++;
          }
        }
        if (n > 0) {
          m.put(f, sum / n);
        }
      }
      means.put(w, m);
    }
  }

  private static double num(Map<String, Object> m, String key) {
    Double v = Harness.num(m, key);
    return v == null ? Double.NaN : v;
  }

  private double mean(String workload, String figure) {
    Double v = means.get(workload).get(figure);
    return v == null ? Double.NaN : v;
  }

  private double ratio(String sdk, String tool, String figure) {
    return mean(sdk, figure) / mean(tool, figure);
  }

  /** SDK/tool ratios of the means of the given figures. */
  private Map<String, Object> ratios(String sdk, String tool, List<String> figures) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String f : figures) {
      m.put(f, ratio(sdk, tool, f));
    }
    return m;
  }

  /** SDK/tool records/s of each round. */
  @SuppressWarnings("unchecked")
  private List<Double> perRound(String sdk, String tool) {
    List<Double> list = new ArrayList<>();
    for (Map<String, Object> round : rounds) {
      list.add(
          num((Map<String, Object>) round.get(sdk), "recordsPerSec")
              / num((Map<String, Object>) round.get(tool), "recordsPerSec"));
    }
    return list;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> summary() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("means", means);
    List<String> producerFigures =
        List.of("recordsPerSec", "mbPerSec", "latencyP50Ms", "latencyP99Ms");
    List<String> consumerFigures =
        List.of("recordsPerSec", "mbPerSec", "fetchRecordsPerSec", "fetchMbPerSec");
    Map<String, Object> ratios = new LinkedHashMap<>();
    ratios.put(
        "ratingProducerToProducerPerformance",
        ratios("ratingProducer", "producerPerformance", producerFigures));
    ratios.put(
        "ratingProducerSendToProducerPerformance",
        ratios("ratingProducerSend", "producerPerformance", producerFigures));
    ratios.put(
        "ratingConsumerToConsumerPerformance",
        ratios("ratingConsumer", "consumerPerformance", consumerFigures));
    ratios.put(
        "ratingConsumerSynchronousToConsumerPerformance",
        ratios("ratingConsumerSynchronous", "consumerPerformance", consumerFigures));
    ratios.put("producerRecordsPerSecPerRound", perRound("ratingProducer", "producerPerformance"));
    ratios.put(
        "producerSendRecordsPerSecPerRound", perRound("ratingProducerSend", "producerPerformance"));
    ratios.put("consumerRecordsPerSecPerRound", perRound("ratingConsumer", "consumerPerformance"));
    s.put("ratios", ratios);
    Map<String, Object> fixed = new LinkedHashMap<>();
    for (String f : List.of("latencyP50Ms", "latencyP99Ms")) {
      fixed.put(f, fixedMean("ratingProducer", f) / fixedMean("producerPerformance", f));
    }
    s.put("fixedRateLatencyRatios", fixed);
    Map<String, Object> e2e = (Map<String, Object>) report.get("e2e");
    Map<String, Object> goals = new LinkedHashMap<>();
    goals.put(
        "ratingProducerAtLeast0.95xProducerPerformance",
        ratio("ratingProducer", "producerPerformance", "recordsPerSec") >= PRODUCER_GOAL);
    goals.put(
        "ratingConsumerAtLeast0.90xConsumerPerformance",
        ratio("ratingConsumer", "consumerPerformance", "recordsPerSec") >= CONSUMER_GOAL);
    goals.put("e2eP99Below50ms", num(e2e, "p99Ms") < E2E_P99_GOAL_MS);
    s.put("goals", goals);
    if (report.containsKey("steadyState")) {
      s.put("steadyState", steadyState());
    }
    return s;
  }

  /** Medians over the steady-state pairs (each ratio taken within its pair). */
  @SuppressWarnings("unchecked")
  private Map<String, Object> steadyState() {
    Map<String, Object> steady = (Map<String, Object>) report.get("steadyState");
    List<Double> total = new ArrayList<>();
    List<Double> fetch = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (Map<String, Object> pair : (List<Map<String, Object>>) steady.get("pairs")) {
      total.add(num(pair, "recordsPerSecRatio"));
      fetch.add(num(pair, "fetchRecordsPerSecRatio"));
      cpu.add(num((Map<String, Object>) pair.get("ratingConsumer"), "pollingThreadCpuNsPerRecord"));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("records", steady.get("records"));
    m.put("pairs", total.size());
    m.put("recordsPerSecRatios", total);
    m.put("fetchRecordsPerSecRatios", fetch);
    m.put("medianRecordsPerSecRatio", median(total));
    m.put("medianFetchRecordsPerSecRatio", median(fetch));
    m.put("medianPollingThreadCpuNsPerRecord", median(cpu));
    return m;
  }

  @SuppressWarnings("unchecked")
  private double fixedMean(String workload, String figure) {
    Map<String, Object> fixed = (Map<String, Object>) report.get("fixedRate");
    List<Map<String, Object>> runs = (List<Map<String, Object>>) fixed.get(workload);
    double sum = 0;
    for (Map<String, Object> r : runs) {
      sum += num(r, figure);
    }
    return runs.isEmpty() ? Double.NaN : sum / runs.size();
  }

  /** The results as a Markdown table (with a heading line), ready for the README. */
  @SuppressWarnings("unchecked")
  String table() {
    Map<String, Object> settings = (Map<String, Object>) report.get("settings");
    Map<String, Object> meta = (Map<String, Object>) report.get("meta");
    Map<String, Object> producerSettings = (Map<String, Object>) settings.get("producerSettings");
    Map<String, Object> firstSdk = (Map<String, Object>) rounds.get(0).get("ratingProducer");
    StringBuilder b = new StringBuilder();
    b.append(
        f(
            "%s%,d records per run (JSON events, %.1f B average value), topic %s: %d partitions,"
                + " lz4; producers: acks=%s, linger.ms=%s, batch.size=%s, idempotence=%s;"
                + " %d rounds, tool and SDK alternating; %d cores, load average %.2f at start,"
                + " %.2f at end.%n%n",
            options.smoke ? "SMOKE RUN (figures not meaningful): " : "",
            options.records,
            num(firstSdk, "avgValueBytes"),
            Harness.TOPIC,
            Harness.PARTITIONS,
            producerSettings.get("acks"),
            producerSettings.get("linger.ms"),
            producerSettings.get("batch.size"),
            producerSettings.get("enable.idempotence"),
            options.rounds,
            meta.get("cores"),
            num(meta, "loadAverageStart"),
            num(meta, "loadAverageEnd")));
    b.append(
        "| workload | records/s | MB/s | send-to-ack p50 | send-to-ack p99 |"
            + " SDK/tool records/s | SDK/tool MB/s | SDK/tool p50 | SDK/tool p99 |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    b.append(row("Kafka ProducerPerformance", "producerPerformance", true, null));
    b.append(
        row(
            "RatingProducer.submit (no future; 1 in 8 sends timed)",
            "ratingProducer",
            true,
            "producerPerformance"));
    b.append(
        row(
            "RatingProducer.send (a CompletableFuture per event; 1 in 8 sends timed)",
            "ratingProducerSend",
            true,
            "producerPerformance"));
    b.append(row("Kafka ConsumerPerformance", "consumerPerformance", false, null));
    b.append(
        row(
            "RatingConsumer, defaults (validating, stats on)",
            "ratingConsumer",
            false,
            "consumerPerformance"));
    b.append(
        row(
            "diagnostic: RatingConsumer, synchronous commit after every poll batch (SYNCHRONOUS, commitInterval 0)",
            "ratingConsumerSynchronous",
            false,
            "consumerPerformance"));
    b.append(
        row(
            "diagnostic: plain KafkaConsumer committing synchronously after every poll, no"
                + " decoding",
            "kafkaConsumerCommitSync",
            false,
            "consumerPerformance"));
    b.append(
        f(
            "%nConsumers without the group join (first record to last, ConsumerPerformance's"
                + " fetch.nMsg.sec): ConsumerPerformance %,.0f records/s, RatingConsumer %,.0f"
                + " records/s, ratio %.2fx; plain KafkaConsumer with commitSync per poll %,.0f"
                + " records/s, ratio %.2fx.%n",
            mean("consumerPerformance", "fetchRecordsPerSec"),
            mean("ratingConsumer", "fetchRecordsPerSec"),
            ratio("ratingConsumer", "consumerPerformance", "fetchRecordsPerSec"),
            mean("kafkaConsumerCommitSync", "fetchRecordsPerSec"),
            ratio("kafkaConsumerCommitSync", "consumerPerformance", "fetchRecordsPerSec")));
    b.append(
        "\n| producer threads | RatingProducer.submit (one, shared) records/s | vs 1 thread | p99 ms |"
            + " plain KafkaProducer (one, shared) records/s | vs 1 thread | SDK/plain |\n");
    b.append("|---:|---:|---:|---:|---:|---:|---:|\n");
    List<Map<String, Object>> scaling = (List<Map<String, Object>>) report.get("scaling");
    double one = scaling.isEmpty() ? Double.NaN : num(scaling.get(0), "recordsPerSec");
    double plainOne =
        scaling.isEmpty() ? Double.NaN : num(scaling.get(0), "kafkaProducerRecordsPerSec");
    for (Map<String, Object> s : scaling) {
      double sdk = num(s, "recordsPerSec");
      double plain = num(s, "kafkaProducerRecordsPerSec");
      b.append(
          f(
              "| %d | %,.0f | %.2fx | %.1f | %,.0f | %.2fx | %.2fx |%n",
              ((Number) s.get("threads")).intValue(),
              sdk,
              sdk / one,
              num(s, "latencyP99Ms"),
              plain,
              plain / plainOne,
              sdk / plain));
    }
    Map<String, Object> fixed = (Map<String, Object>) report.get("fixedRate");
    b.append(
        f(
            "%nSend-to-ack latency at a fixed %,d records/s for %d s (mean of 2 runs each,"
                + " alternating): ProducerPerformance p50 %.1f ms, p99 %.1f ms; RatingProducer.send p50"
                + " %.1f ms (%.2fx), p99 %.1f ms (%.2fx).%n",
            ((Number) fixed.get("rate")).intValue(),
            ((Number) fixed.get("seconds")).intValue(),
            fixedMean("producerPerformance", "latencyP50Ms"),
            fixedMean("producerPerformance", "latencyP99Ms"),
            fixedMean("ratingProducer", "latencyP50Ms"),
            fixedMean("ratingProducer", "latencyP50Ms")
                / fixedMean("producerPerformance", "latencyP50Ms"),
            fixedMean("ratingProducer", "latencyP99Ms"),
            fixedMean("ratingProducer", "latencyP99Ms")
                / fixedMean("producerPerformance", "latencyP99Ms")));
    Map<String, Object> e2e = (Map<String, Object>) report.get("e2e");
    b.append(
        f(
            "%nEnd to end (event timestamp = intended send time, to RatingConsumer receipt),"
                + " %,d events/s for %d s after %d s warm-up, %,d events measured: p50 %.0f ms,"
                + " p99 %.0f ms, p99.9 %.0f ms, max %.0f ms.%n",
            ((Number) e2e.get("rate")).intValue(),
            ((Number) e2e.get("seconds")).intValue(),
            ((Number) e2e.get("warmupSeconds")).intValue(),
            ((Number) e2e.get("measured")).longValue(),
            num(e2e, "p50Ms"),
            num(e2e, "p99Ms"),
            num(e2e, "p999Ms"),
            num(e2e, "maxMs")));
    Map<String, Object> ratios = (Map<String, Object>) summary().get("ratios");
    List<Double> pr = (List<Double>) ratios.get("producerRecordsPerSecPerRound");
    List<Double> ps = (List<Double>) ratios.get("producerSendRecordsPerSecPerRound");
    List<Double> cr = (List<Double>) ratios.get("consumerRecordsPerSecPerRound");
    b.append(
        f(
            "%nSDK/tool records/s per round (each round one run of each, order alternating):"
                + " producer (submit) %s, median %.2fx; producer (send) %s, median %.2fx;"
                + " consumer %s, median %.2fx. The goals are judged on the ratio of the means"
                + " (the tables above).%n",
            ratioList(pr), median(pr), ratioList(ps), median(ps), ratioList(cr), median(cr)));
    if (report.containsKey("steadyState")) {
      Map<String, Object> st = steadyState();
      List<Double> fetch = (List<Double>) st.get("fetchRecordsPerSecRatios");
      b.append(
          f(
              "%nConsumers at steady state (%,d records; %d pair(s) of reads, order alternating;"
                  + " ratios within each pair): RatingConsumer/ConsumerPerformance median %.2fx,"
                  + " first record to last %s, median %.2fx; RatingConsumer's polling thread"
                  + " median %.0f ns CPU per record.%n",
              ((Number) st.get("records")).intValue(),
              ((Number) st.get("pairs")).intValue(),
              num(st, "medianRecordsPerSecRatio"),
              ratioList(fetch),
              num(st, "medianFetchRecordsPerSecRatio"),
              num(st, "medianPollingThreadCpuNsPerRecord")));
    }
    Map<String, Object> goals = (Map<String, Object>) summary().get("goals");
    b.append(f("%nGoals: %s%n", goals));
    return b.toString();
  }

  private String row(String label, String workload, boolean producer, String tool) {
    String p50 = producer ? f("%.1f ms", mean(workload, "latencyP50Ms")) : "-";
    String p99 = producer ? f("%.1f ms", mean(workload, "latencyP99Ms")) : "-";
    String r1 = "-";
    String r2 = "-";
    String r3 = "-";
    String r4 = "-";
    if (tool != null) {
      r1 = f("%.2fx", ratio(workload, tool, "recordsPerSec"));
      r2 = f("%.2fx", ratio(workload, tool, "mbPerSec"));
      if (producer) {
        r3 = f("%.2fx", ratio(workload, tool, "latencyP50Ms"));
        r4 = f("%.2fx", ratio(workload, tool, "latencyP99Ms"));
      }
    }
    return f(
        "| %s | %,.0f | %.2f | %s | %s | %s | %s | %s | %s |%n",
        label,
        mean(workload, "recordsPerSec"),
        mean(workload, "mbPerSec"),
        p50,
        p99,
        r1,
        r2,
        r3,
        r4);
  }

  /** Every figure the table shows that is missing, not finite, or (throughput) not positive. */
  @SuppressWarnings("unchecked")
  List<String> missingFigures() {
    List<String> missing = new ArrayList<>();
    for (var e : means.entrySet()) {
      for (String f : List.of("recordsPerSec", "mbPerSec")) {
        check(missing, e.getKey() + "." + f, mean(e.getKey(), f), true);
      }
    }
    for (String w : List.of("producerPerformance", "ratingProducer", "ratingProducerSend")) {
      check(missing, w + ".latencyP50Ms", mean(w, "latencyP50Ms"), false);
      check(missing, w + ".latencyP99Ms", mean(w, "latencyP99Ms"), false);
    }
    Map<String, Object> ratios = (Map<String, Object>) summary().get("ratios");
    for (String k :
        List.of(
            "ratingProducerToProducerPerformance",
            "ratingProducerSendToProducerPerformance",
            "ratingConsumerToConsumerPerformance")) {
      for (var e : ((Map<String, Object>) ratios.get(k)).entrySet()) {
        check(missing, k + "." + e.getKey(), ((Number) e.getValue()).doubleValue(), false);
      }
    }
    List<Map<String, Object>> scaling = (List<Map<String, Object>>) report.get("scaling");
    if (scaling.size() != options.threads.size()) {
      missing.add("scaling runs: " + scaling.size() + " of " + options.threads.size());
    }
    for (Map<String, Object> s : scaling) {
      for (String f : List.of("recordsPerSec", "kafkaProducerRecordsPerSec")) {
        check(missing, "scaling." + s.get("threads") + "." + f, num(s, f), true);
      }
    }
    for (String w : List.of("producerPerformance", "ratingProducer")) {
      for (String f : List.of("latencyP50Ms", "latencyP99Ms")) {
        check(missing, "fixedRate." + w + "." + f, fixedMean(w, f), false);
      }
    }
    Map<String, Object> e2e = (Map<String, Object>) report.get("e2e");
    for (String f : List.of("p50Ms", "p99Ms", "p999Ms")) {
      check(missing, "e2e." + f, num(e2e, f), false);
    }
    check(missing, "e2e.measured", num(e2e, "measured"), true);
    if (options.steadyStateRecords > 0) {
      if (!report.containsKey("steadyState")) {
        missing.add("steadyState: not run");
      } else {
        Map<String, Object> st = steadyState();
        for (String f :
            List.of(
                "medianRecordsPerSecRatio",
                "medianFetchRecordsPerSecRatio",
                "medianPollingThreadCpuNsPerRecord")) {
          check(missing, "steadyState." + f, num(st, f), true);
        }
        if (((Number) st.get("pairs")).intValue() != options.steadyStatePairs) {
          missing.add("steadyState pairs: " + st.get("pairs") + " of " + options.steadyStatePairs);
        }
      }
    }
    return missing;
  }

  private static void check(List<String> missing, String name, double v, boolean positive) {
    if (!Double.isFinite(v) || v < 0 || (positive && v == 0)) {
      missing.add(name + "=" + v);
    }
  }

  static String json(Map<String, Object> report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (Exception e) {
      throw new HarnessException("could not write the report as JSON: " + e, e);
    }
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static String ratioList(List<Double> ratios) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < ratios.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2fx", ratios.get(i)));
    }
    return b.append("]").toString();
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
