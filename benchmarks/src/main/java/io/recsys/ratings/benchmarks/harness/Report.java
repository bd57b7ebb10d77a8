package io.recsys.ratings.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A harness run for people: the Markdown table of its {@link Summary}, the list of figures that are
 * missing (which fails a smoke run), and the JSON document.
 */
final class Report {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final HarnessReport report;
  private final Summary summary;
  private final Options options;

  Report(HarnessReport report, Options options) {
    this.report = report;
    this.summary = report.summary();
    this.options = options;
  }

  /** The results as a Markdown table (with a heading line), ready for the documentation. */
  String table() {
    HarnessReport.Meta meta = report.meta();
    Map<String, Object> producerSettings = report.settings().producerSettings();
    Summary.Means means = summary.means();
    Summary.Ratios ratios = summary.ratios();
    StringBuilder b = new StringBuilder();
    b.append(
        f(
            "%s%,d records per run (JSON events, %.1f B average value), topic %s: %d partitions,"
                + " lz4; producers: acks=%s, linger.ms=%s, batch.size=%s, idempotence=%s;"
                + " %d rounds, tool and SDK alternating; %d cores, load average %.2f at start,"
                + " %.2f at end.%n%n",
            options.smoke ? "SMOKE RUN (figures not meaningful): " : "",
            options.records,
            report.rounds().get(0).ratingProducer().avgValueBytes(),
            Harness.TOPIC,
            Harness.PARTITIONS,
            producerSettings.get("acks"),
            producerSettings.get("linger.ms"),
            producerSettings.get("batch.size"),
            producerSettings.get("enable.idempotence"),
            options.rounds,
            meta.cores(),
            meta.loadAverageStart(),
            meta.loadAverageEnd()));
    b.append(
        "| workload | records/s | MB/s | send-to-ack p50 | send-to-ack p99 |"
            + " SDK/tool records/s | SDK/tool MB/s | SDK/tool p50 | SDK/tool p99 |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    b.append(producerRow("Kafka ProducerPerformance", means.producerPerformance(), null));
    b.append(
        producerRow(
            "RatingProducer.submit (no future; 1 in 8 sends timed)",
            means.ratingProducer(),
            ratios.ratingProducerToProducerPerformance()));
    b.append(
        producerRow(
            "RatingProducer.send (a CompletableFuture per event; 1 in 8 sends timed)",
            means.ratingProducerSend(),
            ratios.ratingProducerSendToProducerPerformance()));
    b.append(consumerRow("Kafka ConsumerPerformance", means.consumerPerformance(), null));
    b.append(
        consumerRow(
            "RatingConsumer, defaults (validating, stats on)",
            means.ratingConsumer(),
            ratios.ratingConsumerToConsumerPerformance()));
    b.append(
        consumerRow(
            "diagnostic: RatingConsumer, synchronous commit after every poll batch (SYNCHRONOUS,"
                + " commitInterval 0)",
            means.ratingConsumerSynchronous(),
            ratios.ratingConsumerSynchronousToConsumerPerformance()));
    b.append(
        consumerRow(
            "diagnostic: plain KafkaConsumer committing synchronously after every poll, no"
                + " decoding",
            means.kafkaConsumerCommitSync(),
            means.kafkaConsumerCommitSync().over(means.consumerPerformance())));
    b.append(
        f(
            "%nConsumers without the group join (first record to last, ConsumerPerformance's"
                + " fetch.nMsg.sec): ConsumerPerformance %,.0f records/s, RatingConsumer %,.0f"
                + " records/s, ratio %.2fx; plain KafkaConsumer with commitSync per poll %,.0f"
                + " records/s, ratio %.2fx.%n",
            means.consumerPerformance().fetchRecordsPerSec(),
            means.ratingConsumer().fetchRecordsPerSec(),
            ratios.ratingConsumerToConsumerPerformance().fetchRecordsPerSec(),
            means.kafkaConsumerCommitSync().fetchRecordsPerSec(),
            means.kafkaConsumerCommitSync().fetchRecordsPerSec()
                / means.consumerPerformance().fetchRecordsPerSec()));
    b.append(
        "\n| producer threads | RatingProducer.submit (one, shared) records/s | vs 1 thread | p99 ms |"
            + " plain KafkaProducer (one, shared) records/s | vs 1 thread | SDK/plain |\n");
    b.append("|---:|---:|---:|---:|---:|---:|---:|\n");
    List<HarnessReport.ScalingRow> scaling = report.scaling();
    double one = scaling.isEmpty() ? Double.NaN : scaling.get(0).recordsPerSec();
    double plainOne = scaling.isEmpty() ? Double.NaN : scaling.get(0).kafkaProducerRecordsPerSec();
    for (HarnessReport.ScalingRow s : scaling) {
      double sdk = s.recordsPerSec();
      double plain = s.kafkaProducerRecordsPerSec();
      b.append(
          f(
              "| %d | %,.0f | %.2fx | %.1f | %,.0f | %.2fx | %.2fx |%n",
              s.threads(), sdk, sdk / one, s.latencyP99Ms(), plain, plain / plainOne, sdk / plain));
    }
    HarnessReport.FixedRate fixed = report.fixedRate();
    double toolP50 = Stats.mean(fixed.producerPerformance(), ToolProducerRun::latencyP50Ms);
    double toolP99 = Stats.mean(fixed.producerPerformance(), ToolProducerRun::latencyP99Ms);
    double sdkP50 = Stats.mean(fixed.ratingProducer(), SdkProducerRun::latencyP50Ms);
    double sdkP99 = Stats.mean(fixed.ratingProducer(), SdkProducerRun::latencyP99Ms);
    b.append(
        f(
            "%nSend-to-ack latency at a fixed %,d records/s for %d s (mean of 2 runs each,"
                + " alternating): ProducerPerformance p50 %.1f ms, p99 %.1f ms; RatingProducer.send"
                + " p50 %.1f ms (%.2fx), p99 %.1f ms (%.2fx).%n",
            fixed.rate(),
            fixed.seconds(),
            toolP50,
            toolP99,
            sdkP50,
            summary.fixedRateLatencyRatios().latencyP50Ms(),
            sdkP99,
            summary.fixedRateLatencyRatios().latencyP99Ms()));
    EndToEndRun e2e = report.e2e();
    b.append(
        f(
            "%nEnd to end (event timestamp = intended send time, to RatingConsumer receipt),"
                + " %,d events/s for %d s after %d s warm-up, %,d events measured: p50 %.0f ms,"
                + " p99 %.0f ms, p99.9 %.0f ms, max %.0f ms.%n",
            e2e.rate(),
            e2e.seconds(),
            e2e.warmupSeconds(),
            e2e.measured(),
            e2e.p50Ms(),
            e2e.p99Ms(),
            e2e.p999Ms(),
            e2e.maxMs()));
    List<Double> pr = ratios.producerRecordsPerSecPerRound();
    List<Double> ps = ratios.producerSendRecordsPerSecPerRound();
    List<Double> cr = ratios.consumerRecordsPerSecPerRound();
    b.append(
        f(
            "%nSDK/tool records/s per round (each round one run of each, order alternating):"
                + " producer (submit) %s, median %.2fx; producer (send) %s, median %.2fx;"
                + " consumer %s, median %.2fx. The goals are judged on the ratio of the means"
                + " (the tables above).%n",
            ratioList(pr),
            Stats.median(pr),
            ratioList(ps),
            Stats.median(ps),
            ratioList(cr),
            Stats.median(cr)));
    Summary.SteadyStateSummary st = summary.steadyState();
    if (st != null) {
      b.append(
          f(
              "%nConsumers at steady state (%,d records; %d pair(s) of reads, order alternating;"
                  + " ratios within each pair): RatingConsumer/ConsumerPerformance median %.2fx,"
                  + " first record to last %s, median %.2fx; RatingConsumer's polling thread"
                  + " median %.0f ns CPU per record.%n",
              st.records(),
              st.pairs(),
              st.medianRecordsPerSecRatio(),
              ratioList(st.fetchRecordsPerSecRatios()),
              st.medianFetchRecordsPerSecRatio(),
              st.medianPollingThreadCpuNsPerRecord()));
    }
    Summary.Goals goals = summary.goals();
    b.append(
        f(
            "%nGoals: RatingProducer.submit >= %.2fx ProducerPerformance: %s; RatingConsumer >="
                + " %.2fx ConsumerPerformance: %s; end-to-end p99 < %.0f ms: %s%n",
            Summary.PRODUCER_GOAL,
            met(goals.producer()),
            Summary.CONSUMER_GOAL,
            met(goals.consumer()),
            Summary.E2E_P99_GOAL_MS,
            met(goals.endToEnd())));
    return b.toString();
  }

  private static String met(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static String producerRow(String label, ProducerFigures mean, ProducerFigures ratio) {
    return f(
        "| %s | %,.0f | %.2f | %.1f ms | %.1f ms | %s | %s | %s | %s |%n",
        label,
        mean.recordsPerSec(),
        mean.mbPerSec(),
        mean.latencyP50Ms(),
        mean.latencyP99Ms(),
        ratio == null ? "-" : f("%.2fx", ratio.recordsPerSec()),
        ratio == null ? "-" : f("%.2fx", ratio.mbPerSec()),
        ratio == null ? "-" : f("%.2fx", ratio.latencyP50Ms()),
        ratio == null ? "-" : f("%.2fx", ratio.latencyP99Ms()));
  }

  private static String consumerRow(String label, ConsumerFigures mean, ConsumerFigures ratio) {
    return f(
        "| %s | %,.0f | %.2f | - | - | %s | %s | - | - |%n",
        label,
        mean.recordsPerSec(),
        mean.mbPerSec(),
        ratio == null ? "-" : f("%.2fx", ratio.recordsPerSec()),
        ratio == null ? "-" : f("%.2fx", ratio.mbPerSec()));
  }

  /** Every figure the table shows that is missing, not finite, or (throughput) not positive. */
  List<String> missingFigures() {
    List<String> missing = new ArrayList<>();
    Summary.Means m = summary.means();
    producer(missing, "producerPerformance", m.producerPerformance());
    producer(missing, "ratingProducer", m.ratingProducer());
    producer(missing, "ratingProducerSend", m.ratingProducerSend());
    throughput(missing, "consumerPerformance", m.consumerPerformance());
    throughput(missing, "ratingConsumer", m.ratingConsumer());
    throughput(missing, "ratingConsumerSynchronous", m.ratingConsumerSynchronous());
    throughput(missing, "kafkaConsumerCommitSync", m.kafkaConsumerCommitSync());
    Summary.Ratios r = summary.ratios();
    ratios(missing, "ratingProducerToProducerPerformance", r.ratingProducerToProducerPerformance());
    ratios(
        missing,
        "ratingProducerSendToProducerPerformance",
        r.ratingProducerSendToProducerPerformance());
    ConsumerFigures c = r.ratingConsumerToConsumerPerformance();
    String cn = "ratingConsumerToConsumerPerformance.";
    check(missing, cn + "recordsPerSec", c.recordsPerSec(), false);
    check(missing, cn + "mbPerSec", c.mbPerSec(), false);
    check(missing, cn + "fetchRecordsPerSec", c.fetchRecordsPerSec(), false);
    check(missing, cn + "fetchMbPerSec", c.fetchMbPerSec(), false);
    List<HarnessReport.ScalingRow> scaling = report.scaling();
    if (scaling.size() != options.threads.size()) {
      missing.add("scaling runs: " + scaling.size() + " of " + options.threads.size());
    }
    for (HarnessReport.ScalingRow s : scaling) {
      check(missing, "scaling." + s.threads() + ".recordsPerSec", s.recordsPerSec(), true);
      check(
          missing,
          "scaling." + s.threads() + ".kafkaProducerRecordsPerSec",
          s.kafkaProducerRecordsPerSec(),
          true);
    }
    HarnessReport.FixedRate fixed = report.fixedRate();
    String fp = "fixedRate.producerPerformance.";
    check(
        missing,
        fp + "latencyP50Ms",
        Stats.mean(fixed.producerPerformance(), ToolProducerRun::latencyP50Ms),
        false);
    check(
        missing,
        fp + "latencyP99Ms",
        Stats.mean(fixed.producerPerformance(), ToolProducerRun::latencyP99Ms),
        false);
    String fr = "fixedRate.ratingProducer.";
    check(
        missing,
        fr + "latencyP50Ms",
        Stats.mean(fixed.ratingProducer(), SdkProducerRun::latencyP50Ms),
        false);
    check(
        missing,
        fr + "latencyP99Ms",
        Stats.mean(fixed.ratingProducer(), SdkProducerRun::latencyP99Ms),
        false);
    EndToEndRun e2e = report.e2e();
    check(missing, "e2e.p50Ms", e2e.p50Ms(), false);
    check(missing, "e2e.p99Ms", e2e.p99Ms(), false);
    check(missing, "e2e.p999Ms", e2e.p999Ms(), false);
    check(missing, "e2e.measured", e2e.measured(), true);
    if (options.steadyStateRecords > 0) {
      Summary.SteadyStateSummary st = summary.steadyState();
      if (st == null) {
        missing.add("steadyState: not run");
      } else {
        check(missing, "steadyState.medianRecordsPerSecRatio", st.medianRecordsPerSecRatio(), true);
        check(
            missing,
            "steadyState.medianFetchRecordsPerSecRatio",
            st.medianFetchRecordsPerSecRatio(),
            true);
        check(
            missing,
            "steadyState.medianPollingThreadCpuNsPerRecord",
            st.medianPollingThreadCpuNsPerRecord(),
            true);
        if (st.pairs() != options.steadyStatePairs) {
          missing.add("steadyState pairs: " + st.pairs() + " of " + options.steadyStatePairs);
        }
      }
    }
    return missing;
  }

  private static void producer(List<String> missing, String name, ProducerFigures f) {
    check(missing, name + ".recordsPerSec", f.recordsPerSec(), true);
    check(missing, name + ".mbPerSec", f.mbPerSec(), true);
    check(missing, name + ".latencyP50Ms", f.latencyP50Ms(), false);
    check(missing, name + ".latencyP99Ms", f.latencyP99Ms(), false);
  }

  private static void throughput(List<String> missing, String name, ConsumerFigures f) {
    check(missing, name + ".recordsPerSec", f.recordsPerSec(), true);
    check(missing, name + ".mbPerSec", f.mbPerSec(), true);
  }

  private static void ratios(List<String> missing, String name, ProducerFigures f) {
    check(missing, name + ".recordsPerSec", f.recordsPerSec(), false);
    check(missing, name + ".mbPerSec", f.mbPerSec(), false);
    check(missing, name + ".latencyP50Ms", f.latencyP50Ms(), false);
    check(missing, name + ".latencyP99Ms", f.latencyP99Ms(), false);
  }

  private static void check(List<String> missing, String name, double v, boolean positive) {
    if (!Double.isFinite(v) || v < 0 || (positive && v == 0)) {
      missing.add(name + "=" + v);
    }
  }

  static String json(HarnessReport report) {
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
      b.append(i == 0 ? "" : ", ").append(f("%.2fx", ratios.get(i)));
    }
    return b.append("]").toString();
  }
}
