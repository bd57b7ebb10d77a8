package io.recsys.ratings.benchmarks.harness;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything a harness run measured, written as {@code harness-result.json}: each run's own figures
 * and the {@link Summary} worked out from them.
 *
 * @param meta when, where and how it ran
 * @param settings the topic and the clients' settings
 * @param warmUp the unmeasured warm-up of the broker
 * @param rounds the producer and consumer comparisons, one entry per round
 * @param scaling the producer with 1, 2, 4... threads
 * @param fixedRate send-to-ack latency at a fixed rate
 * @param e2e end-to-end latency at a fixed rate
 * @param steadyState the long consumer reads; null (left out) unless asked for
 * @param summary means, ratios and goals
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HarnessReport(
    Meta meta,
    Settings settings,
    WarmUp warmUp,
    List<Round> rounds,
    List<ScalingRow> scaling,
    FixedRate fixedRate,
    EndToEndRun e2e,
    SteadyState steadyState,
    Summary summary) {

  /**
   * When, where and how the run took place.
   *
   * @param startedAt start time, ISO-8601
   * @param smoke whether this was a smoke run (figures not meaningful)
   * @param cores available processors
   * @param java the Java version
   * @param childJvmFlags the flags of every child JVM
   * @param extraChildJvmFlags flags added from {@code HARNESS_CHILD_JVM_OPTS}
   * @param loadAverageStart the system load average at the start
   * @param workDir the temporary directory (deleted at the end)
   * @param loadAverageEnd the system load average at the end
   */
  record Meta(
      String startedAt,
      boolean smoke,
      int cores,
      String java,
      List<String> childJvmFlags,
      List<String> extraChildJvmFlags,
      double loadAverageStart,
      String workDir,
      double loadAverageEnd) {

    Meta withLoadAverageEnd(double load) {
      return new Meta(
          startedAt,
          smoke,
          cores,
          java,
          childJvmFlags,
          extraChildJvmFlags,
          loadAverageStart,
          workDir,
          load);
    }
  }

  /**
   * The topic and the settings the clients ran with.
   *
   * @param topic the rounds' topic
   * @param partitions its partitions
   * @param topicConfig its configuration
   * @param records records per run
   * @param rounds number of rounds
   * @param producerSettings the SDK producer's effective Kafka settings, given to
   *     ProducerPerformance too (bootstrap servers left out)
   * @param consumerSettings the consumer settings both consumers share
   * @param payloadFileEvents events in ProducerPerformance's payload file
   */
  record Settings(
      String topic,
      int partitions,
      Map<String, String> topicConfig,
      int records,
      int rounds,
      Map<String, Object> producerSettings,
      Map<String, Object> consumerSettings,
      int payloadFileEvents) {}

  /**
   * The broker's warm-up before anything is measured.
   *
   * @param topic its own topic
   * @param records records produced and consumed
   * @param seconds how long it took
   */
  record WarmUp(String topic, int records, double seconds) {}

  /**
   * One round: each producer and consumer once, on the same topic.
   *
   * @param round the round, from 1
   * @param producerPerformance Kafka's ProducerPerformance
   * @param ratingProducer RatingProducer.submit
   * @param ratingProducerSend RatingProducer.send
   * @param consumerPerformance Kafka's ConsumerPerformance
   * @param ratingConsumer RatingConsumer with its defaults
   * @param kafkaConsumerCommitSync diagnostic: a plain KafkaConsumer committing after every poll
   * @param ratingConsumerSynchronous diagnostic: RatingConsumer committing after every poll batch
   */
  record Round(
      int round,
      ToolProducerRun producerPerformance,
      SdkProducerRun ratingProducer,
      SdkProducerRun ratingProducerSend,
      ToolConsumerRun consumerPerformance,
      SdkConsumerRun ratingConsumer,
      PlainConsumerRun kafkaConsumerCommitSync,
      SdkConsumerRun ratingConsumerSynchronous) {

    static Round of(int round, ProducerRounds.Result producers, ConsumerRounds.Result consumers) {
      return new Round(
          round,
          producers.producerPerformance(),
          producers.ratingProducer(),
          producers.ratingProducerSend(),
          consumers.consumerPerformance(),
          consumers.ratingConsumer(),
          consumers.kafkaConsumerCommitSync(),
          consumers.ratingConsumerSynchronous());
    }
  }

  /**
   * The producer with one number of threads: RatingProducer.submit (one producer shared by the
   * threads) and a plain KafkaProducer, each run {@code runs} times.
   *
   * @param threads sending threads
   * @param records records per run
   * @param api always {@code "submit"}
   * @param runs runs of each
   * @param recordsPerSec RatingProducer, mean records per second
   * @param mbPerSec RatingProducer, mean MB per second
   * @param latencyP50Ms RatingProducer, mean of the median send-to-ack latencies, ms
   * @param latencyP99Ms RatingProducer, mean of the 99th percentiles, ms
   * @param recordsPerSecRuns RatingProducer, records per second of each run
   * @param kafkaProducerRecordsPerSec KafkaProducer, mean records per second
   * @param kafkaProducerMbPerSec KafkaProducer, mean MB per second
   * @param kafkaProducerRecordsPerSecRuns KafkaProducer, records per second of each run
   */
  record ScalingRow(
      int threads,
      int records,
      String api,
      int runs,
      double recordsPerSec,
      double mbPerSec,
      double latencyP50Ms,
      double latencyP99Ms,
      List<Double> recordsPerSecRuns,
      double kafkaProducerRecordsPerSec,
      double kafkaProducerMbPerSec,
      List<Double> kafkaProducerRecordsPerSecRuns) {}

  /**
   * Send-to-ack latency at a fixed rate, the tool and the SDK alternating.
   *
   * @param rate records per second
   * @param seconds seconds per run
   * @param producerPerformance Kafka's ProducerPerformance runs
   * @param ratingProducer RatingProducer.send runs
   */
  record FixedRate(
      int rate,
      int seconds,
      List<ToolProducerRun> producerPerformance,
      List<SdkProducerRun> ratingProducer) {}

  /**
   * The consumers at steady state.
   *
   * @param topic the topic read
   * @param records records per read
   * @param pairs the reads, pair by pair
   */
  record SteadyState(String topic, int records, List<SteadyStatePair> pairs) {}

  /**
   * One pair of steady-state reads, the order alternating from pair to pair.
   *
   * @param pair the pair, from 1
   * @param consumerPerformance Kafka's ConsumerPerformance
   * @param ratingConsumer RatingConsumer
   * @param recordsPerSecRatio RatingConsumer / ConsumerPerformance records per second
   * @param fetchRecordsPerSecRatio the same, first record to last
   */
  record SteadyStatePair(
      int pair,
      ToolConsumerRun consumerPerformance,
      SdkConsumerRun ratingConsumer,
      double recordsPerSecRatio,
      double fetchRecordsPerSecRatio) {}
}
