package io.recsys.ratings.benchmarks.harness;

/**
 * The consumer part of a round: Kafka's ConsumerPerformance and RatingConsumer (validating every
 * record, stats on), and two diagnostics, a RatingConsumer committing after every poll batch and a
 * plain KafkaConsumer committing after every poll without decoding. Each reads the rounds' record
 * count from the start of the rounds' topic with a new group; which goes first alternates from
 * round to round. The SDK consumers' MB/s are worked out with the bytes per record that
 * ConsumerPerformance measured in the same round.
 */
final class ConsumerRounds {

  /**
   * One round's consumer runs.
   *
   * @param consumerPerformance Kafka's ConsumerPerformance
   * @param ratingConsumer RatingConsumer with its defaults
   * @param kafkaConsumerCommitSync a plain KafkaConsumer committing after every poll
   * @param ratingConsumerSynchronous RatingConsumer committing after every poll batch
   */
  record Result(
      ToolConsumerRun consumerPerformance,
      SdkConsumerRun ratingConsumer,
      PlainConsumerRun kafkaConsumerCommitSync,
      SdkConsumerRun ratingConsumerSynchronous) {}

  private final Launcher launcher;

  ConsumerRounds(Launcher launcher) {
    this.launcher = launcher;
  }

  Result run(int round) throws Exception {
    ToolConsumerRun tool;
    SdkConsumerRun sdk;
    PlainConsumerRun plain;
    SdkConsumerRun sync;
    if (round % 2 == 1) { // the tool first in odd rounds
      tool = tool(round);
      sdk = sdk(round, Workers.SDK_CONSUMER, "RatingConsumer", "harness-sdk-");
      plain = plain(round);
      sync = sdk(round, Workers.SDK_CONSUMER_SYNC, "RatingConsumer sync", "harness-sdk-sync-");
    } else {
      sdk = sdk(round, Workers.SDK_CONSUMER, "RatingConsumer", "harness-sdk-");
      tool = tool(round);
      sync = sdk(round, Workers.SDK_CONSUMER_SYNC, "RatingConsumer sync", "harness-sdk-sync-");
      plain = plain(round);
    }
    double bytesPerRecord = tool.bytesPerRecord();
    return new Result(
        tool,
        sdk.withBytesPerRecord(bytesPerRecord),
        plain,
        sync.withBytesPerRecord(bytesPerRecord));
  }

  private ToolConsumerRun tool(int round) throws Exception {
    ToolConsumerRun r =
        launcher.consumerPerformance(
            "consumer-performance-" + round,
            Harness.TOPIC,
            "harness-tool-" + round,
            launcher.options().records);
    launcher.logConsumer("ConsumerPerformance", "round " + round, r.recordsPerSec(), r.mbPerSec());
    return r;
  }

  private SdkConsumerRun sdk(int round, String kind, String label, String groupPrefix)
      throws Exception {
    SdkConsumerRun r =
        launcher.ratingConsumer(
            kind + "-" + round,
            kind,
            Harness.TOPIC,
            launcher.options().records,
            groupPrefix + round);
    launcher.logConsumer(label, "round " + round, r.recordsPerSec(), null);
    return r;
  }

  private PlainConsumerRun plain(int round) throws Exception {
    PlainConsumerRun r =
        launcher.kafkaConsumerCommitSync(
            Workers.KAFKA_CONSUMER_COMMIT_SYNC + "-" + round,
            Harness.TOPIC,
            launcher.options().records,
            "harness-diagnostic-" + round);
    launcher.logConsumer(
        "KafkaConsumer+commitSync", "round " + round, r.recordsPerSec(), r.mbPerSec());
    return r;
  }
}
