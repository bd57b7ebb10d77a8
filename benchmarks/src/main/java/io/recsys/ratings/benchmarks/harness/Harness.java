package io.recsys.ratings.benchmarks.harness;

import io.recsys.ratings.client.RatingProducer;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The benchmark harness: the SDK against Kafka's own perf tools, side by side, on one real broker.
 *
 * <p>Starts one Kafka broker as a separate process (a child JVM running {@code kafka.Kafka}, KRaft
 * combined mode, loopback, free ports, storage formatted first), creates the 6-partition lz4 topic
 * {@code ratings}, warms the broker up (one unmeasured ProducerPerformance and ConsumerPerformance
 * run on a topic of their own), then runs, each in its own child JVM with the same JVM flags,
 * alternating, for every round: Kafka's {@code ProducerPerformance} and {@code RatingProducer} (the
 * same number of records, the same JSON payloads, the SDK's producer settings for both), Kafka's
 * {@code ConsumerPerformance} and {@code RatingConsumer} (validating every record, stats on). Then
 * the producer with 1, 2 and 4 threads sharing one {@code RatingProducer}, and an end-to-end
 * latency run at a fixed rate. Prints a Markdown table with every SDK figure as a ratio to the
 * tool's figure from the same run, and writes the same as JSON. The broker is always stopped and
 * the temporary directory deleted, also on failure and Ctrl+C.
 *
 * <p>Run it with {@code benchmarks/run-harness.sh [options]}; options: {@code --records N} (default
 * 2,000,000), {@code --rounds N} (6: an even number, so that the tools and the SDK go first equally
 * often), {@code --e2e-rate N} events/s (10,000), {@code --e2e-seconds N} (30), {@code --e2e-warmup
 * N} (5), {@code --threads 1,2,4}, {@code --output FILE} ({@code
 * benchmarks/target/harness-result.json}), {@code --smoke} (a few thousand records, a short
 * end-to-end run; exits non-zero unless every figure is produced and finite).
 */
public final class Harness {
  static final String TOPIC = "ratings";
  static final String E2E_TOPIC = "ratings-e2e";
  static final String WARM_UP_TOPIC = "ratings-warm-up";
  static final String STEADY_STATE_TOPIC = "ratings-steady-state";
  static final int PARTITIONS = 6;
  private static final Map<String, String> TOPIC_CONFIG =
      Map.of("compression.type", "lz4", "retention.ms", "-1");

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
    Map<String, Object> report = new LinkedHashMap<>();
    try {
      report.put("meta", meta());
      cast(report.get("meta")).put("workDir", dir.toString());
      out.printf(
          "harness: %s records x %d rounds, e2e %d/s for %d s; load %.2f; temp %s%n",
          options.records, options.rounds, options.e2eRate, options.e2eSeconds, load(), dir);
      long t0 = System.nanoTime();
      try (BrokerProcess broker = BrokerProcess.start(children, dir, Duration.ofSeconds(120))) {
        out.printf(
            "broker up at %s (%.1f s)%n",
            broker.bootstrapServers(), (System.nanoTime() - t0) / 1e9);
        broker.createTopic(TOPIC, PARTITIONS, TOPIC_CONFIG);
        broker.createTopic(E2E_TOPIC, PARTITIONS, TOPIC_CONFIG);
        broker.createTopic(WARM_UP_TOPIC, PARTITIONS, TOPIC_CONFIG);
        if (options.steadyStateRecords > 0) {
          broker.createTopic(STEADY_STATE_TOPIC, PARTITIONS, TOPIC_CONFIG);
        }
        Runs runs = new Runs(children, broker.bootstrapServers(), dir, options, out);
        report.put("settings", runs.settings());
        report.put("warmUp", runs.warmUp());
        report.put("rounds", runs.rounds());
        report.put("scaling", runs.scaling());
        report.put("fixedRate", runs.fixedRate());
        report.put("e2e", runs.endToEnd());
        if (options.steadyStateRecords > 0) {
          report.put("steadyState", runs.steadyState());
        }
      }
      cast(report.get("meta")).put("loadAverageEnd", load());
      Report summary = new Report(report, options);
      report.put("summary", summary.summary());
      String table = summary.table();
      out.println();
      out.println(table);
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

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object o) {
    return (Map<String, Object>) o;
  }

  private Map<String, Object> meta() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("startedAt", Instant.now().toString());
    m.put("smoke", options.smoke);
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.version"));
    m.put("childJvmFlags", Children.JVM_FLAGS);
    m.put("extraChildJvmFlags", Children.extraFlags());
    m.put("loadAverageStart", load());
    return m;
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

  /** The runs against one broker. */
  static final class Runs {
    private final Children children;
    private final String bootstrap;
    private final Path dir;
    private final Options options;
    private final PrintStream out;
    private final Map<String, Object> producerProps;
    private Path payloadFile;

    Runs(Children children, String bootstrap, Path dir, Options options, PrintStream out) {
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

    Map<String, Object> settings() throws IOException {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("topic", TOPIC);
      s.put("partitions", PARTITIONS);
      s.put("topicConfig", TOPIC_CONFIG);
      s.put("records", options.records);
      s.put("rounds", options.rounds);
      Map<String, Object> shown = new LinkedHashMap<>(producerProps);
      shown.remove(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
      s.put("producerSettings", shown);
      s.put("consumerSettings", Map.of("max.poll.records", 2000, "receive.buffer.bytes", 65536));
      s.put("payloadFileEvents", writePayloadFile());
      return s;
    }

    /**
     * Real encoded events (the SDK producer's first ones), one per line, for ProducerPerformance.
     */
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

    /**
     * Warms the broker up before anything is measured: its produce and fetch paths are interpreted
     * code in a fresh JVM, and the first group join creates {@code __consumer_offsets}. Without
     * this, whichever workload runs first (a Kafka tool: round 1 starts with the tools) pays for
     * it, which favoured the SDK by 2-20 % in round 1. One ProducerPerformance run and one
     * ConsumerPerformance run of a full round's size on a topic of their own, not counted (500,000
     * records were not enough: the rounds after it still sped up one after the other).
     */
    Map<String, Object> warmUp() throws Exception {
      int records = options.records;
      long t0 = System.nanoTime();
      producerPerformance("warm-up-producer", WARM_UP_TOPIC, records, -1);
      consumerPerformance("warm-up-consumer", WARM_UP_TOPIC, "harness-warm-up", records);
      double seconds = (System.nanoTime() - t0) / 1e9;
      out.printf(
          "  warm-up (not measured): %d records produced and consumed on %s in %.1f s%n",
          records, WARM_UP_TOPIC, seconds);
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("topic", WARM_UP_TOPIC);
      w.put("records", records);
      w.put("seconds", seconds);
      return w;
    }

    List<Map<String, Object>> rounds() throws Exception {
      List<Map<String, Object>> rounds = new ArrayList<>();
      for (int r = 1; r <= options.rounds; r++) {
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("round", r);
        boolean toolFirst = r % 2 == 1; // alternate which one goes first
        if (toolFirst) {
          round.put("producerPerformance", producerPerformance(r));
          round.put("ratingProducer", sdkProducer("round " + r, 1, "submit"));
          round.put("ratingProducerSend", sdkProducer("round " + r, 1, "send"));
          round.put("consumerPerformance", consumerPerformance(r));
          round.put("ratingConsumer", sdkConsumer(r));
          round.put("kafkaConsumerCommitSync", kafkaConsumerCommitSync(r));
          round.put("ratingConsumerSynchronous", sdkConsumerSynchronous(r));
        } else {
          round.put("ratingProducerSend", sdkProducer("round " + r, 1, "send"));
          round.put("ratingProducer", sdkProducer("round " + r, 1, "submit"));
          round.put("producerPerformance", producerPerformance(r));
          round.put("ratingConsumer", sdkConsumer(r));
          round.put("consumerPerformance", consumerPerformance(r));
          round.put("ratingConsumerSynchronous", sdkConsumerSynchronous(r));
          round.put("kafkaConsumerCommitSync", kafkaConsumerCommitSync(r));
        }
        rounds.add(round);
      }
      return rounds;
    }

    private Duration timeout() {
      return Duration.ofSeconds(Math.max(180, options.records / 5_000));
    }

    private Map<String, Object> producerPerformance(int round) throws Exception {
      Map<String, Object> r =
          producerPerformance("producer-performance-" + round, TOPIC, options.records, -1);
      log("ProducerPerformance", round, r);
      return r;
    }

    /** Runs ProducerPerformance with the SDK's settings; {@code throughput} -1 for no limit. */
    private Map<String, Object> producerPerformance(
        String name, String topic, int records, int throughput) throws Exception {
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
          children.run(name, "org.apache.kafka.tools.ProducerPerformance", args, timeout()).text());
    }

    /** RatingProducer from {@code threads} threads with {@code api} "submit" or "send". */
    private Map<String, Object> sdkProducer(String name, int threads, String api) throws Exception {
      Map<String, Object> r =
          producerWorker(
              "rating-producer-" + api + "-" + name.replace(' ', '-') + "-t" + threads,
              "sdk-producer",
              threads,
              "--api",
              api);
      out.printf(
          "  %-24s %-7s %12.0f records/s %8.2f MB/s  p50 %6.1f ms  p99 %6.1f ms%n",
          "RatingProducer." + api + " x" + threads,
          name,
          num(r, "recordsPerSec"),
          num(r, "mbPerSec"),
          num(r, "latencyP50Ms"),
          num(r, "latencyP99Ms"));
      return r;
    }

    /** Sends {@code options.records} events to the topic from {@code threads} threads. */
    private Map<String, Object> producerWorker(
        String name, String kind, int threads, String... more) throws Exception {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--topic",
                  TOPIC,
                  "--records",
                  Integer.toString(options.records),
                  "--threads",
                  Integer.toString(threads)));
      args.addAll(List.of(more));
      return worker(name, kind, args.toArray(String[]::new));
    }

    private Map<String, Object> kafkaProducer(int threads) throws Exception {
      Map<String, Object> r =
          producerWorker("kafka-producer-scaling-t" + threads, "kafka-producer", threads);
      out.printf(
          "  %-24s %-7s %12.0f records/s %8.2f MB/s%n",
          "KafkaProducer x" + threads, "scaling", num(r, "recordsPerSec"), num(r, "mbPerSec"));
      return r;
    }

    private Map<String, Object> consumerPerformance(int round) throws Exception {
      Map<String, Object> r =
          consumerPerformance(
              "consumer-performance-" + round, TOPIC, "harness-tool-" + round, options.records);
      log("ConsumerPerformance", round, r);
      return r;
    }

    /** Runs ConsumerPerformance for {@code records} with the SDK consumer's settings. */
    private Map<String, Object> consumerPerformance(
        String name, String topic, String group, int records) throws Exception {
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
                      "60000",
                      "--socket-buffer-size",
                      "65536",
                      "--command-property",
                      "max.poll.records=2000",
                      "--hide-header"),
                  timeout())
              .text());
    }

    /**
     * The consumers at steady state: {@code options.steadyStateRecords} records written once by
     * ProducerPerformance, then read {@code options.steadyStatePairs} times by ConsumerPerformance
     * and by RatingConsumer (new groups), the order alternating. The rounds' runs last 1-2 seconds
     * and are dominated by the JVMs' start-up (JIT compilation takes most of a core meanwhile);
     * these long reads show the per-record costs, and their ratios are taken pair by pair.
     */
    Map<String, Object> steadyState() throws Exception {
      int records = options.steadyStateRecords;
      producerPerformance("steady-state-producer", STEADY_STATE_TOPIC, records, -1);
      List<Map<String, Object>> pairs = new ArrayList<>();
      for (int i = 1; i <= options.steadyStatePairs; i++) {
        int n = i;
        Callable<Map<String, Object>> tool =
            () ->
                consumerPerformance(
                    "steady-state-consumer-performance-" + n,
                    STEADY_STATE_TOPIC,
                    "harness-steady-tool-" + n,
                    records);
        Callable<Map<String, Object>> rating =
            () ->
                consumerRead(
                    "steady-state-sdk-consumer-" + n,
                    "sdk-consumer",
                    STEADY_STATE_TOPIC,
                    records,
                    "harness-steady-sdk-" + n);
        Map<String, Object> toolRun;
        Map<String, Object> sdk;
        if (i % 2 == 1) { // alternate which one goes first
          toolRun = tool.call();
          sdk = rating.call();
        } else {
          sdk = rating.call();
          toolRun = tool.call();
        }
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("pair", i);
        pair.put("consumerPerformance", toolRun);
        pair.put("ratingConsumer", sdk);
        pair.put("recordsPerSecRatio", num(sdk, "recordsPerSec") / num(toolRun, "recordsPerSec"));
        pair.put(
            "fetchRecordsPerSecRatio",
            num(sdk, "fetchRecordsPerSec") / num(toolRun, "fetchRecordsPerSec"));
        out.printf(
            "  steady state %d/%d: ConsumerPerformance %,.0f records/s (%,.0f first to last),"
                + " RatingConsumer %,.0f (%,.0f), ratio %.2fx (%.2fx); RatingConsumer polling"
                + " thread %.0f ns CPU/record%n",
            i,
            options.steadyStatePairs,
            num(toolRun, "recordsPerSec"),
            num(toolRun, "fetchRecordsPerSec"),
            num(sdk, "recordsPerSec"),
            num(sdk, "fetchRecordsPerSec"),
            num(pair, "recordsPerSecRatio"),
            num(pair, "fetchRecordsPerSecRatio"),
            num(sdk, "pollingThreadCpuNsPerRecord"));
        pairs.add(pair);
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("topic", STEADY_STATE_TOPIC);
      s.put("records", records);
      s.put("pairs", pairs);
      return s;
    }

    private Map<String, Object> sdkConsumer(int round) throws Exception {
      return consumerWorker("sdk-consumer", "RatingConsumer", "harness-sdk-", round);
    }

    private Map<String, Object> sdkConsumerSynchronous(int round) throws Exception {
      return consumerWorker(
          "sdk-consumer-sync", "RatingConsumer sync/batch", "harness-sdk-sync-", round);
    }

    private Map<String, Object> kafkaConsumerCommitSync(int round) throws Exception {
      return consumerWorker(
          "kafka-consumer-commit-sync", "KafkaConsumer+commitSync", "harness-diagnostic-", round);
    }

    private Map<String, Object> consumerWorker(
        String kind, String label, String groupPrefix, int round) throws Exception {
      Map<String, Object> r =
          consumerRead(kind + "-" + round, kind, TOPIC, options.records, groupPrefix + round);
      log(label, round, r);
      return r;
    }

    /**
     * A consumer worker of {@code kind} reading {@code records} from the start with a new group.
     */
    private Map<String, Object> consumerRead(
        String name, String kind, String topic, int records, String group) throws Exception {
      return worker(
          name, kind, "--topic", topic, "--records", Integer.toString(records), "--group", group);
    }

    /**
     * Send-to-ack latency at a fixed rate (unthrottled runs measure mostly how full the producer's
     * buffer gets): ProducerPerformance {@code --throughput R} and a paced RatingProducer, twice
     * each, alternating.
     */
    Map<String, Object> fixedRate() throws Exception {
      int rate = options.e2eRate;
      int seconds = Math.min(10, options.e2eSeconds);
      List<Map<String, Object>> tool = new ArrayList<>();
      List<Map<String, Object>> sdk = new ArrayList<>();
      for (int rep = 1; rep <= 2; rep++) {
        for (int k = 0; k < 2; k++) {
          if ((k == 0) == (rep == 1)) {
            Map<String, Object> r =
                producerPerformance(
                    "producer-performance-fixed-" + rep, TOPIC, rate * seconds, rate);
            log("ProducerPerformance " + rate + "/s", rep, r);
            tool.add(r);
          } else {
            Map<String, Object> r =
                worker(
                    "rating-producer-fixed-" + rep,
                    "sdk-producer",
                    "--topic",
                    TOPIC,
                    "--records",
                    Integer.toString(rate * seconds),
                    "--threads",
                    "1",
                    "--rate",
                    Integer.toString(rate));
            log("RatingProducer.send " + rate + "/s", rep, r);
            sdk.add(r);
          }
        }
      }
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("rate", rate);
      f.put("seconds", seconds);
      f.put("producerPerformance", tool);
      f.put("ratingProducer", sdk);
      return f;
    }

    List<Map<String, Object>> scaling() throws Exception {
      List<Map<String, Object>> list = new ArrayList<>();
      int repeats = options.smoke ? 1 : 2;
      int i = 0;
      for (int threads : options.threads) {
        // the SDK and a plain KafkaProducer with the same settings and events, alternating which
        // goes first; each twice (a single 3-second run varies by 15% on this machine)
        List<Map<String, Object>> sdkRuns = new ArrayList<>();
        List<Map<String, Object>> plainRuns = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
          if (i++ % 2 == 0) {
            sdkRuns.add(sdkProducer("scaling", threads, "submit"));
            plainRuns.add(kafkaProducer(threads));
          } else {
            plainRuns.add(kafkaProducer(threads));
            sdkRuns.add(sdkProducer("scaling", threads, "submit"));
          }
        }
        Map<String, Object> row = new LinkedHashMap<>(sdkRuns.get(0));
        for (String f : List.of("recordsPerSec", "mbPerSec", "latencyP50Ms", "latencyP99Ms")) {
          row.put(f, meanOf(sdkRuns, f));
        }
        row.put("runs", repeats);
        row.put("recordsPerSecRuns", sdkRuns.stream().map(m -> m.get("recordsPerSec")).toList());
        row.put("kafkaProducerRecordsPerSec", meanOf(plainRuns, "recordsPerSec"));
        row.put("kafkaProducerMbPerSec", meanOf(plainRuns, "mbPerSec"));
        row.put(
            "kafkaProducerRecordsPerSecRuns",
            plainRuns.stream().map(m -> m.get("recordsPerSec")).toList());
        list.add(row);
      }
      return list;
    }

    private static double meanOf(List<Map<String, Object>> runs, String figure) {
      double sum = 0;
      for (Map<String, Object> r : runs) {
        sum += ((Number) r.get(figure)).doubleValue();
      }
      return sum / runs.size();
    }

    Map<String, Object> endToEnd() throws Exception {
      Map<String, Object> r =
          worker(
              "e2e",
              "e2e",
              "--topic",
              E2E_TOPIC,
              "--rate",
              Integer.toString(options.e2eRate),
              "--seconds",
              Integer.toString(options.e2eSeconds),
              "--warmup",
              Integer.toString(options.e2eWarmup),
              "--partitions",
              Integer.toString(PARTITIONS));
      out.printf(
          "  %-22s %d/s for %d s: p50 %.0f ms  p99 %.0f ms  p99.9 %.0f ms  max %.0f ms%n",
          "end-to-end",
          options.e2eRate,
          options.e2eSeconds,
          num(r, "p50Ms"),
          num(r, "p99Ms"),
          num(r, "p999Ms"),
          num(r, "maxMs"));
      return r;
    }

    private Map<String, Object> worker(String name, String kind, String... args) throws Exception {
      List<String> a = new ArrayList<>(List.of("worker", kind, "--bootstrap", bootstrap));
      a.addAll(List.of(args));
      Duration timeout =
          kind.equals("e2e")
              ? Duration.ofSeconds(options.e2eSeconds + options.e2eWarmup + 150L)
              : timeout();
      return ToolOutput.worker(children.run(name, Harness.class.getName(), a, timeout).text());
    }

    private void log(String what, int round, Map<String, Object> r) {
      out.printf(
          "  %-24s round %d %12.0f records/s %8s MB/s%s%n",
          what,
          round,
          num(r, "recordsPerSec"),
          // the SDK consumer sees no record sizes: its MB/s is worked out in the table
          num(r, "mbPerSec") == null ? "-" : String.format("%.2f", num(r, "mbPerSec")),
          r.containsKey("latencyP50Ms")
              ? String.format(
                  "  p50 %6.1f ms  p99 %6.1f ms", num(r, "latencyP50Ms"), num(r, "latencyP99Ms"))
              : "");
    }
  }

  static Double num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number n ? n.doubleValue() : null;
  }
}
