package io.recsys.ratings.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationDecodeResult;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommendation job on a Spark standalone cluster of separate processes (a master and two
 * workers, each with one core), its driver in a process of its own started like {@code
 * spark-submit} does; the same input run in {@code local[2]} in this JVM must give the same lists.
 */
@IntegrationTest
@WithKafka
class SparkClusterIntegrationTest {
  private static final Duration UP = Duration.ofMinutes(3);
  private static final Duration DRIVER = Duration.ofMinutes(8);

  private final SparkSession spark = SharedSpark.get();

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES) // separate JVMs on a busy machine
  void theJobOnAStandaloneClusterGivesWhatItGivesInLocalMode(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    RecommendationTestData data = new RecommendationTestData(31, 120, 100, 25);
    Path models = RatingsRecommendationJobIntegrationTest.trainModel(spark, data, dir);
    String ratings = "ratings-cluster";
    kafka.createTopic(ratings, 2, 1);
    for (String t : List.of("rec-local", "rec-cluster", "metrics-local", "metrics-cluster")) {
      kafka.createTopic(t, 1, 1);
    }
    TestRecords.produceAll(kafka, ratings, data.records);

    // local[2], in this JVM
    StreamingQuery local =
        RatingsRecommendationJob.start(
            spark,
            RecommendationJobConfig.parse(
                jobArgs(kafka, ratings, "rec-local", "metrics-local", models, dir.resolve("cp-l"))
                    .toArray(String[]::new)));
    assertThat(local.awaitTermination(240_000)).as("local run finished").isTrue();
    assertThat(local.exception().isEmpty()).as("local run failed: %s", local.exception()).isTrue();

    // the cluster, and a driver of its own
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path jobJar = jobJar(dir);
    Path schemaJar = StandaloneCluster.jarOf(RatingEvent.class, dir);
    try (StandaloneCluster cluster = new StandaloneCluster(dir)) {
      cluster.start(2, logs, UP);
      // tag::submit[]
      List<String> submit =
          new ArrayList<>(
              List.of(
                  "--master",
                  cluster.masterUrl(),
                  "--deploy-mode",
                  "client",
                  "--class",
                  "io.recsys.ratings.spark.RatingsRecommendationJob",
                  "--conf",
                  "spark.ui.enabled=false",
                  "--conf",
                  "spark.driver.host=127.0.0.1",
                  "--conf",
                  "spark.executor.memory=512m",
                  "--conf",
                  "spark.executor.cores=1",
                  "--conf",
                  "spark.cores.max=2",
                  "--conf",
                  "spark.sql.shuffle.partitions=2",
                  "--jars",
                  schemaJar.toString(),
                  jobJar.toString()));
      // end::submit[]
      submit.addAll(
          jobArgs(kafka, ratings, "rec-cluster", "metrics-cluster", models, dir.resolve("cp-c")));
      Path driverLog = logs.resolve("driver.log");
      int status = cluster.submit(submit, driverLog, DRIVER);
      assertThat(status)
          .as("driver exit status; its log:\n%s", StandaloneCluster.tail(driverLog, 80))
          .isZero();
      for (Path work : cluster.workDirs()) {
        try (Stream<Path> apps = Files.list(work)) {
          assertThat(apps.filter(p -> p.getFileName().toString().startsWith("app-")))
              .as("an executor of the job ran on the worker with work dir %s", work)
              .isNotEmpty();
        }
      }
    }

    List<String> localLists = lists(kafka, "rec-local");
    List<String> clusterLists = lists(kafka, "rec-cluster");
    assertThat(localLists).hasSizeGreaterThanOrEqualTo(120);
    assertThat(clusterLists).isEqualTo(localLists);
    List<MetricsEvent> localMetrics = metrics(kafka, "metrics-local");
    List<MetricsEvent> clusterMetrics = metrics(kafka, "metrics-cluster");
    assertThat(clusterMetrics).hasSameSizeAs(localMetrics);
    for (int i = 0; i < localMetrics.size(); i++) {
      MetricsEvent l = localMetrics.get(i);
      MetricsEvent c = clusterMetrics.get(i);
      assertThat(c.count()).isEqualTo(l.count());
      assertThat(c.rmse()).isEqualTo(l.rmse());
      assertThat(c.coverage()).isEqualTo(l.coverage());
      assertThat(c.invalidCount()).isEqualTo(l.invalidCount());
      assertThat(c.malformedCount()).isEqualTo(l.malformedCount());
      assertThat(c.coldCount()).isEqualTo(l.coldCount());
    }
    System.out.printf(
        "cluster: %d lists and %d metrics events, equal to local[2]%n",
        clusterLists.size(), clusterMetrics.size());
  }

  private static List<String> jobArgs(
      KafkaCluster kafka, String ratings, String recs, String metrics, Path models, Path cp) {
    return List.of(
        "--bootstrap-servers",
        kafka.bootstrapServers(),
        "--ratings-topic",
        ratings,
        "--recommendations-topic",
        recs,
        "--metrics-topic",
        metrics,
        "--model-dir",
        models.toString(),
        "--checkpoint",
        cp.toString(),
        "--max-offsets-per-trigger",
        "250",
        "--once");
  }

  /** The packaged job jar (the test runs after {@code package}), else the classes packed. */
  private static Path jobJar(Path dir) throws Exception {
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      try (Stream<Path> files = Files.list(target)) {
        var packaged =
            files
                .filter(
                    p -> {
                      String n = p.getFileName().toString();
                      return n.startsWith("examples-spark-")
                          && n.endsWith(".jar")
                          && !n.endsWith("-sources.jar")
                          && !n.endsWith("-javadoc.jar")
                          && !n.endsWith("-tests.jar");
                    })
                .findFirst();
        if (packaged.isPresent()) {
          return packaged.get().toAbsolutePath();
        }
      }
    }
    return StandaloneCluster.jarOf(RatingsRecommendationJob.class, dir);
  }

  /** Every list of a topic without its generation time, sorted. */
  private static List<String> lists(KafkaCluster kafka, String topic) {
    RecommendationCodec codec = RecommendationCodec.defaults();
    List<String> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : TestRecords.readAll(kafka, topic)) {
      RecommendationEvent e = ((RecommendationDecodeResult.Valid) codec.decode(r.value())).event();
      out.add(
          e.userId()
              + " "
              + e.kind()
              + " "
              + e.modelVersion()
              + " "
              + e.ratingTimestamp()
              + " "
              + e.items());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private static List<MetricsEvent> metrics(KafkaCluster kafka, String topic) {
    List<MetricsEvent> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : TestRecords.readAll(kafka, topic)) {
      out.add(MetricsCodec.decode(r.value()).orElseThrow());
    }
    out.sort(Comparator.comparingLong(m -> m.batchId().orElseThrow()));
    return out;
  }
}
