package io.recsys.ratings.cli;

import io.recsys.ratings.admin.ApplyMode;
import io.recsys.ratings.admin.ProvisioningResult;
import io.recsys.ratings.admin.TopicProvisioner;
import io.recsys.ratings.admin.TopicSpec;
import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.EmbeddedKafka;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "The whole pipeline in one command: starts an embedded Kafka broker (unless"
          + " --bootstrap-servers is given), provisions the topics, produces "
          + "10,000 ratings (a few of them invalid: the producer rejects them), writes a few bad"
          + " raw records to show the dead-letter path, consumes everything, prints every"
          + " summary and the lag (0), and stops.",
      "Exit code: 0 everything added up, 1 a count or the lag did not, 3 cluster unreachable."
    })
final class DemoCommand implements Callable<Integer> {

  static final int EVENTS = 10_000;
  static final int INVALID_EVERY = 500;
  static final int RAW_BAD_RECORDS = 30;
  static final String TOPIC = TopicSpec.RATINGS_TOPIC;

  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "Run against this cluster instead of an embedded broker. The demo then creates"
              + " missing topics, adds to the ratings topic and uses a fresh consumer group.")
  String bootstrapServers;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long started = System.nanoTime();
    EmbeddedKafka embedded = null;
    try {
      String servers = bootstrapServers;
      if (servers == null) {
        out.println("[1/6] Starting an embedded Kafka broker (KRaft, inside this JVM) ...");
        out.flush();
        long t = System.nanoTime();
        embedded = EmbeddedKafka.builder().brokers(1).start();
        servers = embedded.bootstrapServers();
        out.printf(Locale.ROOT, "      broker up at %s in %.1f s%n%n", servers, secondsSince(t));
      } else {
        out.println("[1/6] Using the Kafka cluster at " + servers);
      }
      int code = runPipeline(servers, embedded != null, out, err);
      out.printf(
          Locale.ROOT,
          "%nDemo %s in %.1f s.%n",
          code == ExitCodes.OK ? "finished" : "FAILED",
          secondsSince(started));
      return code;
    } finally {
      if (embedded != null) {
        out.println("Stopping the embedded broker.");
        out.flush();
        embedded.close();
      }
    }
  }

  private int runPipeline(String servers, boolean fresh, PrintWriter out, PrintWriter err) {
    String group = fresh ? "ratings-demo" : "ratings-demo-" + System.currentTimeMillis();
    try (Cluster kafka = Cluster.connect(ClientSettings.of(servers))) {
      out.println("[2/6] Provisioning topics (create missing, report drift) ...");
      ProvisioningResult provisioned;
      try (TopicProvisioner provisioner = kafka.provisioner()) {
        provisioned = provisioner.provision(TopicSpec.pipeline(), ApplyMode.CREATE_ONLY);
      }
      out.println(provisioned.toTable());
      out.println();
      if (!provisioned.isSuccess()) {
        err.println("error: the topics could not be provisioned; see the table above");
        return ExitCodes.FAILED;
      }

      out.printf(
          Locale.ROOT,
          "[3/6] Producing %,d ratings (every %dth one invalid: the producer rejects it) ...%n",
          EVENTS,
          INVALID_EVERY);
      out.flush();
      ProduceSummary produced =
          new ProduceRun(ClientSettings.of(servers), TOPIC, Duration.ZERO)
              .run(withInvalid(ProduceCommand.generator(7)), EVENTS, () -> false, () -> 0, err);
      out.println(produced.toText());

      out.printf(
          Locale.ROOT,
          "[4/6] Writing %d bad raw records (invalid values, broken JSON) with a plain"
              + " KafkaProducer, to show the dead-letter path ...%n",
          RAW_BAD_RECORDS);
      Map<DecodeResult.Kind, Long> raw = writeBadRecords(servers);
      out.printf(
          Locale.ROOT,
          "      %d invalid, %d malformed%n%n",
          raw.get(DecodeResult.Kind.INVALID),
          raw.get(DecodeResult.Kind.MALFORMED));

      long expected = produced.sent() + RAW_BAD_RECORDS;
      out.printf(
          Locale.ROOT,
          "[5/6] Consuming as group '%s' with the dead-letter topic on, stats to '%s' ...%n",
          group,
          TopicSpec.METRICS_TOPIC);
      out.flush();
      ConsumeSummary consumed =
          new ConsumeRun(
                  ClientSettings.of(servers),
                  TOPIC,
                  group,
                  false,
                  true,
                  fresh ? expected : 0,
                  fresh ? Duration.ofSeconds(30) : Duration.ofSeconds(5))
              .members(1, TopicSpec.METRICS_TOPIC)
              .run(err, s -> out.println(s.toText()));

      out.println("[6/6] Verifying topics and lag ...");
      VerifyReport verified = VerifyReport.check(kafka, group);
      out.print(verified.toText());
      MetricsTopicScan metrics =
          MetricsTopicScan.of(ClientSettings.of(servers), TopicSpec.METRICS_TOPIC);
      out.println(metrics.toText());

      List<String> mismatches = new ArrayList<>();
      if (produced.rejected() != EVENTS / INVALID_EVERY) {
        mismatches.add("rejected " + produced.rejected() + ", expected " + EVENTS / INVALID_EVERY);
      }
      if (produced.failed() > 0) {
        mismatches.add(produced.failed() + " sends failed: " + produced.firstError());
      }
      if (metrics.decodable() == 0) {
        mismatches.add("no decodable MetricsEvent in the metrics topic");
      }
      if (verified.group().totalLag() != 0) {
        mismatches.add("lag is " + verified.group().totalLag() + ", expected 0");
      }
      if (fresh) {
        check(mismatches, "consumed", consumed.stats().received(), expected);
        check(mismatches, "valid", consumed.stats().valid(), produced.sent());
        check(
            mismatches, "invalid", consumed.stats().invalid(), raw.get(DecodeResult.Kind.INVALID));
        check(
            mismatches,
            "malformed",
            consumed.stats().malformed(),
            raw.get(DecodeResult.Kind.MALFORMED));
        check(mismatches, "dead-lettered", consumed.stats().deadLettered(), RAW_BAD_RECORDS);
      }
      out.printf(
          Locale.ROOT,
          "Summary: %,d ratings sent, %,d rejected by the producer; %,d records consumed"
              + " (%,d valid, %,d invalid, %,d malformed; %,d dead-lettered to %s); lag %,d.%n",
          produced.sent(),
          produced.rejected(),
          consumed.stats().received(),
          consumed.stats().valid(),
          consumed.stats().invalid(),
          consumed.stats().malformed(),
          consumed.stats().deadLettered(),
          TopicSpec.DEAD_LETTER_TOPIC,
          verified.group().totalLag());
      if (!mismatches.isEmpty()) {
        mismatches.forEach(m -> err.println("error: " + m));
        return ExitCodes.FAILED;
      }
      return ExitCodes.OK;
    }
  }

  private static void check(List<String> mismatches, String what, long actual, long expected) {
    if (actual != expected) {
      mismatches.add(what + " " + actual + ", expected " + expected);
    }
  }

  /** Every {@link #INVALID_EVERY}th event made invalid, in one of three ways. */
  private static Iterator<RatingEvent> withInvalid(Iterator<RatingEvent> valid) {
    return new Iterator<>() {
      private long n;

      @Override
      public boolean hasNext() {
        return valid.hasNext();
      }

      @Override
      public RatingEvent next() {
        RatingEvent e = valid.next();
        n++;
        if (n % INVALID_EVERY != 0) {
          return e;
        }
        return switch ((int) (n / INVALID_EVERY % 3)) {
          case 0 -> new RatingEvent(e.userId(), e.movieId(), 7.5, e.timestamp());
          case 1 -> new RatingEvent(0, e.movieId(), e.rating(), e.timestamp());
          default -> new RatingEvent(e.userId(), e.movieId(), 3.3, e.timestamp());
        };
      }
    };
  }

  /** Bad records straight to the topic, bypassing the validating producer. */
  private static Map<DecodeResult.Kind, Long> writeBadRecords(String servers) {
    RatingGenerator generator =
        RatingGenerator.builder().seed(11).invalidShare(0.5).malformedShare(0.5).build();
    Map<DecodeResult.Kind, Long> counts = new EnumMap<>(DecodeResult.Kind.class);
    counts.put(DecodeResult.Kind.INVALID, 0L);
    counts.put(DecodeResult.Kind.MALFORMED, 0L);
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            servers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            30_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            15_000,
            ProducerConfig.CLIENT_ID_CONFIG,
            "ratings-demo-raw");
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
      while (sends.size() < RAW_BAD_RECORDS) {
        RatingGenerator.Payload p = generator.nextPayload();
        if (p.expectedKind() == DecodeResult.Kind.VALID) {
          continue;
        }
        counts.merge(p.expectedKind(), 1L, Long::sum);
        sends.add(raw.send(new ProducerRecord<>(TOPIC, p.key(), p.value())));
      }
      for (java.util.concurrent.Future<?> send : sends) {
        send.get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new CliException(
          ExitCodes.FAILED, "writing the bad raw records failed: " + Cluster.rootMessage(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted while writing the bad raw records");
    }
    return counts;
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}
