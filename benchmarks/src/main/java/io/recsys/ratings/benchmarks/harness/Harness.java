package io.recsys.ratings.benchmarks.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark harness: the SDK against Kafka's own perf tools, side by side, on one real broker.
 *
 * <p>Starts one Kafka broker as a separate process (a child JVM running {@code kafka.Kafka}, KRaft
 * combined mode, loopback, free ports, storage formatted first), creates the 6-partition lz4 topic
 * {@code ratings}, warms the broker up (one unmeasured ProducerPerformance and ConsumerPerformance
 * run on a topic of their own), then runs, each in its own child JVM with the same JVM flags,
 * alternating, for every round: Kafka's {@code ProducerPerformance} and {@code RatingProducer} (the
 * same number of records, the same JSON payloads, the SDK's producer settings for both), Kafka's
 * {@code ConsumerPerformance} and {@code RatingConsumer} (validating every record, stats on)
 * ({@link ProducerRounds}, {@link ConsumerRounds}). Then the producer with 1, 2 and 4 threads
 * sharing one {@code RatingProducer} ({@link Scaling}), send-to-ack latency at a fixed rate ({@link
 * FixedRate}), an end-to-end latency run at a fixed rate ({@link EndToEnd}) and, if asked for, long
 * consumer reads at steady state ({@link SteadyState}). Prints a Markdown table with every SDK
 * figure as a ratio to the tool's figure from the same run, and writes the same as JSON ({@link
 * HarnessReport}). The broker is always stopped and the temporary directory deleted, also on
 * failure and Ctrl+C.
 *
 * <p>Run it with {@code benchmarks/run-harness.sh [options]}; options: {@code --records N} (default
 * 2,000,000), {@code --rounds N} (6: an even number, so that the tools and the SDK go first equally
 * often), {@code --e2e-rate N} events/s (10,000), {@code --e2e-seconds N} (30), {@code --e2e-warmup
 * N} (5), {@code --threads 1,2,4}, {@code --steady-state N} records (0: not run), {@code
 * --steady-state-pairs N} (8), {@code --output FILE} ({@code
 * benchmarks/target/harness-result.json}), {@code --smoke} (a few thousand records, a short
 * end-to-end run; exits non-zero unless every figure is produced and finite).
 */
public final class Harness {
  static final String TOPIC = "ratings";
  static final String E2E_TOPIC = "ratings-e2e";
  static final String WARM_UP_TOPIC = "ratings-warm-up";
  static final String STEADY_STATE_TOPIC = "ratings-steady-state";
  static final int PARTITIONS = 6;
  static final Map<String, String> TOPIC_CONFIG =
      Map.of("compression.type", "lz4", "retention.ms", "-1");

  /** How long the broker may take to serve: only a broker that cannot start takes this long. */
  static final Duration BROKER_START_LIMIT = Duration.ofMinutes(5);

  private final Options options;
  private final PrintStream out;

  private Harness(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Runs the harness (or, with first argument {@code worker}, one SDK workload in this JVM) and
   * exits with its status.
   *
   * @param args the options, see the class description
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the harness and returns instead of exiting.
   *
   * @param args the options, see the class description
   * @return 0 on success, 1 if a step failed or (smoke mode) a figure is missing, 2 on bad options
   */
  public static int run(String... args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
      // the admin client's connection warnings while the broker starts are expected
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    }
    try {
      if (args.length > 0 && args[0].equals("worker")) {
        return Workers.run(args[1], Options.keyValues(args, 2));
      }
      Options o;
      try {
        o = Options.parse(args);
      } catch (IllegalArgumentException e) {
        System.err.println("harness: " + e.getMessage());
        System.err.println(Options.USAGE);
        return 2;
      }
      return new Harness(o, System.out).execute();
    } catch (Exception e) {
      System.err.println("harness failed: " + e.getMessage());
      e.printStackTrace();
      return 1;
    }
  }

  private int execute() throws Exception {
    Path dir = Files.createTempDirectory("ratings-harness-");
    Thread cleanup = new Thread(() -> deleteQuietly(dir), "harness-delete-temp");
    Runtime.getRuntime().addShutdownHook(cleanup);
    Children children = new Children(dir);
    try {
      HarnessReport report = measure(children, dir);
      Report summary = new Report(report, options);
      out.println();
      out.println(summary.table());
      Path output = options.output;
      if (output.getParent() != null) {
        Files.createDirectories(output.getParent());
      }
      Files.writeString(output, Report.json(report), StandardCharsets.UTF_8);
      out.println("written: " + output.toAbsolutePath());
      List<String> missing = summary.missingFigures();
      if (!missing.isEmpty()) {
        out.println("MISSING OR NON-FINITE FIGURES: " + missing);
        return 1;
      }
      return 0;
    } finally {
      Children.destroyAll();
      deleteQuietly(dir);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // already shutting down: the hook deletes the directory (again)
      }
    }
  }

  /** Starts the broker, runs every workload in turn and stops the broker. */
  private HarnessReport measure(Children children, Path dir) throws Exception {
    HarnessReport.Meta meta =
        new HarnessReport.Meta(
            Instant.now().toString(),
            options.smoke,
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            Children.JVM_FLAGS,
            Children.extraFlags(),
            load(),
            dir.toString(),
            Double.NaN);
    out.printf(
        "harness: %s records x %d rounds, e2e %d/s for %d s; load %.2f; temp %s%n",
        options.records, options.rounds, options.e2eRate, options.e2eSeconds, load(), dir);
    long t0 = System.nanoTime();
    HarnessReport.Settings settings;
    HarnessReport.WarmUp warmUp;
    List<HarnessReport.Round> rounds = new ArrayList<>();
    List<HarnessReport.ScalingRow> scaling;
    HarnessReport.FixedRate fixedRate;
    EndToEndRun e2e;
    HarnessReport.SteadyState steadyState = null;
    try (BrokerProcess broker = BrokerProcess.start(children, dir, BROKER_START_LIMIT)) {
      out.printf(
          "broker up at %s (%.1f s)%n", broker.bootstrapServers(), (System.nanoTime() - t0) / 1e9);
      broker.createTopic(TOPIC, PARTITIONS, TOPIC_CONFIG);
      broker.createTopic(E2E_TOPIC, PARTITIONS, TOPIC_CONFIG);
      broker.createTopic(WARM_UP_TOPIC, PARTITIONS, TOPIC_CONFIG);
      if (options.steadyStateRecords > 0) {
        broker.createTopic(STEADY_STATE_TOPIC, PARTITIONS, TOPIC_CONFIG);
      }
      Launcher launcher = new Launcher(children, broker.bootstrapServers(), dir, options, out);
      settings = launcher.settings();
      warmUp = warmUp(launcher);
      ProducerRounds producers = new ProducerRounds(launcher);
      ConsumerRounds consumers = new ConsumerRounds(launcher);
      for (int r = 1; r <= options.rounds; r++) {
        // the producers of a round write the records its consumers read
        ProducerRounds.Result produced = producers.run(r);
        rounds.add(HarnessReport.Round.of(r, produced, consumers.run(r)));
      }
      scaling = new Scaling(launcher).run();
      fixedRate = new FixedRate(launcher).run();
      e2e = new EndToEnd(launcher).run();
      if (options.steadyStateRecords > 0) {
        steadyState = new SteadyState(launcher).run();
      }
    }
    return new HarnessReport(
        meta.withLoadAverageEnd(load()),
        settings,
        warmUp,
        rounds,
        scaling,
        fixedRate,
        e2e,
        steadyState,
        Summary.of(rounds, fixedRate, e2e, steadyState));
  }

  /**
   * Warms the broker up before anything is measured: its produce and fetch paths are interpreted
   * code in a fresh JVM, and the first group join creates {@code __consumer_offsets}. Without this,
   * whichever workload runs first (a Kafka tool: round 1 starts with the tools) pays for it, which
   * favoured the SDK by 2-20 % in round 1. One ProducerPerformance run and one ConsumerPerformance
   * run of a full round's size on a topic of their own, not counted (500,000 records were not
   * enough: the rounds after it still sped up one after the other).
   */
  private HarnessReport.WarmUp warmUp(Launcher launcher) throws Exception {
    int records = options.records;
    long t0 = System.nanoTime();
    launcher.producerPerformance("warm-up-producer", WARM_UP_TOPIC, records, -1);
    launcher.consumerPerformance("warm-up-consumer", WARM_UP_TOPIC, "harness-warm-up", records);
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf(
        "  warm-up (not measured): %d records produced and consumed on %s in %.1f s%n",
        records, WARM_UP_TOPIC, seconds);
    return new HarnessReport.WarmUp(WARM_UP_TOPIC, records, seconds);
  }

  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("harness: could not delete " + dir + ": " + e);
    }
  }
}
