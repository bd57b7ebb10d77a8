package io.recsys.ratings.benchmarks.harness;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What a harness run comes to: means over the rounds, SDK/tool ratios, and the goals. Ratios are
 * SDK figure / Kafka tool figure of the same rounds: above 1 is better for throughput, below 1 is
 * better for latency.
 *
 * @param means each workload's mean figures over the rounds
 * @param ratios SDK/tool ratios of those means, and per round
 * @param fixedRateLatencyRatios RatingProducer.send / ProducerPerformance latency at a fixed rate
 * @param goals whether each goal was met
 * @param steadyState medians over the steady-state pairs; null (left out) if not run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Summary(
    Means means,
    Ratios ratios,
    LatencyRatios fixedRateLatencyRatios,
    Goals goals,
    SteadyStateSummary steadyState) {

  static final double PRODUCER_GOAL = 0.95;
  static final double CONSUMER_GOAL = 0.90;
  static final double E2E_P99_GOAL_MS = 50;

  /**
   * Each workload's mean figures over the rounds.
   *
   * @param producerPerformance Kafka's ProducerPerformance
   * @param ratingProducer RatingProducer.submit
   * @param ratingProducerSend RatingProducer.send
   * @param consumerPerformance Kafka's ConsumerPerformance
   * @param ratingConsumer RatingConsumer with its defaults
   * @param ratingConsumerSynchronous RatingConsumer committing after every poll batch
   * @param kafkaConsumerCommitSync a plain KafkaConsumer committing after every poll
   */
  record Means(
      ProducerFigures producerPerformance,
      ProducerFigures ratingProducer,
      ProducerFigures ratingProducerSend,
      ConsumerFigures consumerPerformance,
      ConsumerFigures ratingConsumer,
      ConsumerFigures ratingConsumerSynchronous,
      ConsumerFigures kafkaConsumerCommitSync) {}

  /**
   * SDK/tool ratios.
   *
   * @param ratingProducerToProducerPerformance RatingProducer.submit's means over the tool's
   * @param ratingProducerSendToProducerPerformance RatingProducer.send's means over the tool's
   * @param ratingConsumerToConsumerPerformance RatingConsumer's means over the tool's
   * @param ratingConsumerSynchronousToConsumerPerformance the synchronous-commit RatingConsumer's
   * @param producerRecordsPerSecPerRound RatingProducer.submit / tool records per second, per round
   * @param producerSendRecordsPerSecPerRound RatingProducer.send / tool, per round
   * @param consumerRecordsPerSecPerRound RatingConsumer / tool, per round
   */
  record Ratios(
      ProducerFigures ratingProducerToProducerPerformance,
      ProducerFigures ratingProducerSendToProducerPerformance,
      ConsumerFigures ratingConsumerToConsumerPerformance,
      ConsumerFigures ratingConsumerSynchronousToConsumerPerformance,
      List<Double> producerRecordsPerSecPerRound,
      List<Double> producerSendRecordsPerSecPerRound,
      List<Double> consumerRecordsPerSecPerRound) {}

  /**
   * Latency ratios.
   *
   * @param latencyP50Ms ratio of the medians
   * @param latencyP99Ms ratio of the 99th percentiles
   */
  record LatencyRatios(double latencyP50Ms, double latencyP99Ms) {}

  /**
   * Whether each goal was met, judged on the ratio of the means over the rounds.
   *
   * @param producer RatingProducer.submit at least {@value #PRODUCER_GOAL}x ProducerPerformance's
   *     records per second
   * @param consumer RatingConsumer at least {@value #CONSUMER_GOAL}x ConsumerPerformance's
   * @param endToEnd end-to-end p99 below {@value #E2E_P99_GOAL_MS} ms
   */
  record Goals(
      @JsonProperty("ratingProducerAtLeast0.95xProducerPerformance") boolean producer,
      @JsonProperty("ratingConsumerAtLeast0.90xConsumerPerformance") boolean consumer,
      @JsonProperty("e2eP99Below50ms") boolean endToEnd) {}

  /**
   * Medians over the steady-state pairs, each ratio taken within its pair.
   *
   * @param records records per read
   * @param pairs pairs of reads
   * @param recordsPerSecRatios RatingConsumer / ConsumerPerformance records per second, per pair
   * @param fetchRecordsPerSecRatios the same, first record to last
   * @param medianRecordsPerSecRatio the median of {@code recordsPerSecRatios}
   * @param medianFetchRecordsPerSecRatio the median of {@code fetchRecordsPerSecRatios}
   * @param medianPollingThreadCpuNsPerRecord the median CPU time of RatingConsumer's polling thread
   *     per record
   */
  record SteadyStateSummary(
      int records,
      int pairs,
      List<Double> recordsPerSecRatios,
      List<Double> fetchRecordsPerSecRatios,
      double medianRecordsPerSecRatio,
      double medianFetchRecordsPerSecRatio,
      double medianPollingThreadCpuNsPerRecord) {}

  /** Works the summary out from the runs. */
  static Summary of(
      List<HarnessReport.Round> rounds,
      HarnessReport.FixedRate fixedRate,
      EndToEndRun e2e,
      HarnessReport.SteadyState steadyState) {
    Means means =
        new Means(
            producerMean(rounds, r -> r.producerPerformance().figures()),
            producerMean(rounds, r -> r.ratingProducer().figures()),
            producerMean(rounds, r -> r.ratingProducerSend().figures()),
            consumerMean(rounds, r -> r.consumerPerformance().figures()),
            consumerMean(rounds, r -> r.ratingConsumer().figures()),
            consumerMean(rounds, r -> r.ratingConsumerSynchronous().figures()),
            consumerMean(rounds, r -> r.kafkaConsumerCommitSync().figures()));
    Ratios ratios =
        new Ratios(
            means.ratingProducer().over(means.producerPerformance()),
            means.ratingProducerSend().over(means.producerPerformance()),
            means.ratingConsumer().over(means.consumerPerformance()),
            means.ratingConsumerSynchronous().over(means.consumerPerformance()),
            perRound(
                rounds,
                r -> r.ratingProducer().recordsPerSec() / r.producerPerformance().recordsPerSec()),
            perRound(
                rounds,
                r ->
                    r.ratingProducerSend().recordsPerSec()
                        / r.producerPerformance().recordsPerSec()),
            perRound(
                rounds,
                r -> r.ratingConsumer().recordsPerSec() / r.consumerPerformance().recordsPerSec()));
    LatencyRatios fixed =
        new LatencyRatios(
            Stats.mean(fixedRate.ratingProducer(), SdkProducerRun::latencyP50Ms)
                / Stats.mean(fixedRate.producerPerformance(), ToolProducerRun::latencyP50Ms),
            Stats.mean(fixedRate.ratingProducer(), SdkProducerRun::latencyP99Ms)
                / Stats.mean(fixedRate.producerPerformance(), ToolProducerRun::latencyP99Ms));
    Goals goals =
        new Goals(
            ratios.ratingProducerToProducerPerformance().recordsPerSec() >= PRODUCER_GOAL,
            ratios.ratingConsumerToConsumerPerformance().recordsPerSec() >= CONSUMER_GOAL,
            e2e.p99Ms() < E2E_P99_GOAL_MS);
    return new Summary(
        means, ratios, fixed, goals, steadyState == null ? null : steadyStateSummary(steadyState));
  }

  private static SteadyStateSummary steadyStateSummary(HarnessReport.SteadyState steady) {
    List<Double> total = new ArrayList<>();
    List<Double> fetch = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (HarnessReport.SteadyStatePair pair : steady.pairs()) {
      total.add(pair.recordsPerSecRatio());
      fetch.add(pair.fetchRecordsPerSecRatio());
      cpu.add(pair.ratingConsumer().pollingThreadCpuNsPerRecord());
    }
    return new SteadyStateSummary(
        steady.records(),
        total.size(),
        total,
        fetch,
        Stats.median(total),
        Stats.median(fetch),
        Stats.median(cpu));
  }

  private static ProducerFigures producerMean(
      List<HarnessReport.Round> rounds, Function<HarnessReport.Round, ProducerFigures> workload) {
    return ProducerFigures.mean(rounds.stream().map(workload).toList());
  }

  private static ConsumerFigures consumerMean(
      List<HarnessReport.Round> rounds, Function<HarnessReport.Round, ConsumerFigures> workload) {
    return ConsumerFigures.mean(rounds.stream().map(workload).toList());
  }

  private static List<Double> perRound(
      List<HarnessReport.Round> rounds, ToDoubleFunction<HarnessReport.Round> ratio) {
    return rounds.stream().map(r -> ratio.applyAsDouble(r)).toList();
  }
}
