package io.recsys.ratings.benchmarks.harness;

import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Runs each measured program in a child JVM against the broker and reads its result: Kafka's perf
 * tools, and the SDK workers ({@link Workers}). Every child has the same JVM flags ({@link
 * Children}) and a generous time bound that only ends a run that cannot finish.
 */
final class Launcher {
  private final Children children;
  private final String bootstrap;
  private final Path dir;
  private final Options options;
  private final PrintStream out;
  private final Map<String, Object> producerProps;
  private Path payloadFile;

  Launcher(Children children, String bootstrap, Path dir, Options options, PrintStream out) {
    this.children = children;
    this.bootstrap = bootstrap;
    this.dir = dir;
    this.options = options;
    this.out = out;
    // The SDK's effective producer settings, given to ProducerPerformance too.
    Map<String, Object> p =
        new LinkedHashMap<>(
            RatingProducer.builder().bootstrapServers(bootstrap).config().kafkaProperties());
    p.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    p.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    this.producerProps = p;
  }

  Options options() {
    return options;
  }

  PrintStream out() {
    return out;
  }

  /** The settings of this run; writes ProducerPerformance's payload file first. */
  HarnessReport.Settings settings() throws IOException {
    Map<String, Object> shown = new LinkedHashMap<>(producerProps);
    shown.remove(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    return new HarnessReport.Settings(
        Harness.TOPIC,
        Harness.PARTITIONS,
        Harness.TOPIC_CONFIG,
        options.records,
        options.rounds,
        shown,
        Map.of("max.poll.records", 2000, "receive.buffer.bytes", 65536),
        writePayloadFile());
  }

  /** Real encoded events (the SDK producer's first ones), one per line, for ProducerPerformance. */
  private int writePayloadFile() throws IOException {
    int n = Math.min(options.records, 100_000);
    RatingCodec codec = RatingCodec.defaults();
    StringBuilder b = new StringBuilder();
    for (RatingEvent e : Workers.events(n)) {
      b.append(codec.encodeToString(e)).append('\n');
    }
    payloadFile = dir.resolve("payloads.txt");
    Files.writeString(payloadFile, b, StandardCharsets.UTF_8);
    return n;
  }

  /** The bound of one child run: ten minutes, more for runs of more than a million records. */
  private Duration childTimeout() {
    return Duration.ofSeconds(Math.max(600, options.records / 2_000));
  }

  /** Runs ProducerPerformance with the SDK's settings; {@code throughput} -1 for no limit. */
  ToolProducerRun producerPerformance(String name, String topic, int records, int throughput)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--topic",
                topic,
                "--num-records",
                Integer.toString(records),
                "--throughput",
                Integer.toString(throughput),
                "--payload-file",
                payloadFile.toString(),
                "--producer-props"));
    producerProps.forEach((k, v) -> args.add(k + "=" + v));
    return ToolOutput.producerPerformance(
        children
            .run(name, "org.apache.kafka.tools.ProducerPerformance", args, childTimeout())
            .text());
  }

  /** Runs ConsumerPerformance for {@code records} with the SDK consumer's settings. */
  ToolConsumerRun consumerPerformance(String name, String topic, String group, int records)
      throws Exception {
    return ToolOutput.consumerPerformance(
        children
            .run(
                name,
                "org.apache.kafka.tools.ConsumerPerformance",
                List.of(
                    "--bootstrap-server",
                    bootstrap,
                    "--topic",
                    topic,
                    "--num-records",
                    Integer.toString(records),
                    "--group",
                    group,
                    "--timeout",
                    Long.toString(ConsumerWorkers.IDLE_LIMIT.toMillis()),
                    "--socket-buffer-size",
                    "65536",
                    "--command-property",
                    "max.poll.records=2000",
                    "--hide-header"),
                childTimeout())
            .text());
  }

  /**
   * RatingProducer sending {@code options.records} events to the rounds' topic from {@code threads}
   * threads with {@code api}; at a fixed {@code rate} (events/s) if positive.
   */
  SdkProducerRun ratingProducer(
      String name, int records, int threads, ProducerWorkers.Api api, int rate) throws Exception {
    return worker(
        name,
        Workers.SDK_PRODUCER,
        childTimeout(),
        SdkProducerRun.class,
        "--topic",
        Harness.TOPIC,
        "--records",
        Integer.toString(records),
        "--threads",
        Integer.toString(threads),
        "--api",
        api.argument(),
        "--rate",
        Integer.toString(rate));
  }

  /** A plain KafkaProducer sending {@code options.records} events from {@code threads} threads. */
  PlainProducerRun kafkaProducer(String name, int threads) throws Exception {
    return worker(
        name,
        Workers.KAFKA_PRODUCER,
        childTimeout(),
        PlainProducerRun.class,
        "--topic",
        Harness.TOPIC,
        "--records",
        Integer.toString(options.records),
        "--threads",
        Integer.toString(threads));
  }

  /**
   * A RatingConsumer worker of {@code kind} ({@link Workers#SDK_CONSUMER} or {@link
   * Workers#SDK_CONSUMER_SYNC}) reading {@code records} from the start with a new group.
   */
  SdkConsumerRun ratingConsumer(String name, String kind, String topic, int records, String group)
      throws Exception {
    return worker(
        name,
        kind,
        childTimeout(),
        SdkConsumerRun.class,
        "--topic",
        topic,
        "--records",
        Integer.toString(records),
        "--group",
        group);
  }

  /** The plain KafkaConsumer committing after every poll, reading {@code records}. */
  PlainConsumerRun kafkaConsumerCommitSync(String name, String topic, int records, String group)
      throws Exception {
    return worker(
        name,
        Workers.KAFKA_CONSUMER_COMMIT_SYNC,
        childTimeout(),
        PlainConsumerRun.class,
        "--topic",
        topic,
        "--records",
        Integer.toString(records),
        "--group",
        group);
  }

  /** The end-to-end latency worker on {@code topic}. */
  EndToEndRun endToEnd(String topic) throws Exception {
    Duration timeout =
        Duration.ofSeconds(options.e2eSeconds + options.e2eWarmup)
            .plus(EndToEndWorker.ASSIGNMENT_LIMIT)
            .plus(EndToEndWorker.DELIVERY_LIMIT.multipliedBy(2))
            .plus(childTimeout());
    return worker(
        "e2e",
        Workers.E2E,
        timeout,
        EndToEndRun.class,
        "--topic",
        topic,
        "--rate",
        Integer.toString(options.e2eRate),
        "--seconds",
        Integer.toString(options.e2eSeconds),
        "--warmup",
        Integer.toString(options.e2eWarmup),
        "--partitions",
        Integer.toString(Harness.PARTITIONS));
  }

  private <T> T worker(String name, String kind, Duration timeout, Class<T> type, String... args)
      throws Exception {
    List<String> a = new ArrayList<>(List.of("worker", kind, "--bootstrap", bootstrap));
    a.addAll(List.of(args));
    return ToolOutput.worker(children.run(name, Harness.class.getName(), a, timeout).text(), type);
  }

  /** Prints one producer run's line. */
  void logProducer(String what, String when, ProducerFigures f) {
    out.printf(
        Locale.ROOT,
        "  %-24s %-8s %12.0f records/s %8.2f MB/s  p50 %6.1f ms  p99 %6.1f ms%n",
        what,
        when,
        f.recordsPerSec(),
        f.mbPerSec(),
        f.latencyP50Ms(),
        f.latencyP99Ms());
  }

  /** Prints one consumer run's line; the SDK consumer's MB/s are worked out later, else shown. */
  void logConsumer(String what, String when, double recordsPerSec, Double mbPerSec) {
    out.printf(
        Locale.ROOT,
        "  %-24s %-8s %12.0f records/s %8s MB/s%n",
        what,
        when,
        recordsPerSec,
        mbPerSec == null ? "-" : String.format(Locale.ROOT, "%.2f", mbPerSec));
  }
}
