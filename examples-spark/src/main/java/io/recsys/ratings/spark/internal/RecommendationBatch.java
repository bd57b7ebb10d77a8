package io.recsys.ratings.spark.internal;

import static org.apache.spark.sql.functions.col;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.MetricsEvent;
import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendationValidator;
import io.recsys.ratings.schema.RecommendedItem;
import io.recsys.ratings.spark.RecommenderModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code foreachBatch} body of the recommendation job; runs on the driver, one micro-batch at a
 * time. Per batch: switch the model if {@code LATEST} changed; gather the decoded rows; predict
 * every valid rating with the current model before learning from it (online RMSE); add the ratings
 * to the users' seen sets; score every user of the batch on the executors (top-N without the seen
 * movies) or give the popular fallback; publish the lists, then one metrics event.
 */
public final class RecommendationBatch implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RecommendationBatch.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final transient ModelWatcher models;
  private final Map<String, String> kafkaProperties;
  private final String recommendationsTopic;
  private final String metricsTopic;
  private final String source;
  private final int topN;
  private final RecommendationCodec codec = RecommendationCodec.defaults();
  private final RecommendationValidator validator = RecommendationValidator.defaults();
  private final Map<Integer, Set<Integer>> seenSince = new HashMap<>();
  private long windowStart;

  /**
   * A handler.
   *
   * @param models the model watcher
   * @param kafkaProperties Kafka client properties
   * @param recommendationsTopic where the lists go
   * @param metricsTopic where the metrics go
   * @param source the metrics source name
   * @param topN movies per list
   * @param startMillis the start of the first window
   */
  public RecommendationBatch(
      ModelWatcher models,
      Map<String, String> kafkaProperties,
      String recommendationsTopic,
      String metricsTopic,
      String source,
      int topN,
      long startMillis) {
    this.models = models;
    this.kafkaProperties = Map.copyOf(kafkaProperties);
    this.recommendationsTopic = recommendationsTopic;
    this.metricsTopic = metricsTopic;
    this.source = source;
    this.topN = topN;
    this.windowStart = startMillis;
  }

  private record Rating(int userId, int movieId, double rating, long timestamp) {}

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    models.refresh();
    RecommenderModel model = models.current();
    List<Row> rows =
        batch
            .select(
                col(DecodedColumns.KIND),
                col("userId"),
                col("movieId"),
                col("rating"),
                col("timestamp"))
            .collectAsList();
    long invalid = 0;
    long malformed = 0;
    List<Rating> valid = new ArrayList<>();
    for (Row r : rows) {
      switch (DecodeResult.Kind.valueOf(r.getString(0))) {
        case VALID -> valid.add(new Rating(r.getInt(1), r.getInt(2), r.getDouble(3), r.getLong(4)));
        case INVALID -> invalid++;
        case MALFORMED -> malformed++;
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    if (invalid + malformed > 0) {
      LOG.warn(
          "batch {}: skipped {} invalid and {} malformed records (counted in the metrics)",
          batchId,
          invalid,
          malformed);
    }

    // 1. predict before learning
    double squaredError = 0;
    long predicted = 0;
    long unpredicted = 0;
    double ratingSum = 0;
    for (Rating r : valid) {
      ratingSum += r.rating();
      OptionalDouble p = model.predict(r.userId(), r.movieId());
      if (p.isPresent()) {
        double d = p.getAsDouble() - r.rating();
        squaredError += d * d;
        predicted++;
      } else {
        unpredicted++;
      }
    }
    // 2. learn: the batch's ratings join the users' seen sets
    Map<Integer, Long> users = new TreeMap<>();
    for (Rating r : valid) {
      seenSince.computeIfAbsent(r.userId(), u -> new HashSet<>()).add(r.movieId());
      users.merge(r.userId(), r.timestamp(), Math::max);
    }
    // 3. score known users on the executors, fall back for the others
    List<ScoreUsers.Task> tasks = new ArrayList<>();
    Map<Integer, List<RecommendedItem>> lists = new HashMap<>();
    for (int user : users.keySet()) {
      int[] seen = seen(model, user);
      float[] factors = model.userFactors(user);
      if (factors == null) {
        lists.put(user, model.popularFor(seen, topN));
      } else {
        tasks.add(new ScoreUsers.Task(user, factors, seen));
      }
    }
    long cold = users.size() - tasks.size();
    if (!tasks.isEmpty()) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(batch.sparkSession().sparkContext());
      int slices = Math.max(1, Math.min(tasks.size(), jsc.defaultParallelism()));
      for (ScoreUsers.Result r :
          jsc.parallelize(tasks, slices)
              .mapPartitions(new ScoreUsers(models.items(), topN))
              .collect()) {
        lists.put(r.userId(), r.items());
      }
    }
    // 4. publish the lists, then the metrics
    Set<Integer> recommended = new HashSet<>();
    List<RecommendationEvent> events = new ArrayList<>();
    long generatedAt = System.currentTimeMillis();
    for (Map.Entry<Integer, Long> u : users.entrySet()) {
      boolean personalized = model.userFactors(u.getKey()) != null;
      List<RecommendedItem> items = lists.get(u.getKey());
      RecommendationEvent event =
          new RecommendationEvent(
              u.getKey(),
              personalized
                  ? RecommendationEvent.Kind.PERSONALIZED
                  : RecommendationEvent.Kind.FALLBACK,
              model.version(),
              generatedAt,
              Math.max(1, u.getValue()),
              items);
      if (!validator.isValid(event)) {
        LOG.warn(
            "batch {}: not publishing an invalid list for user {}: {}",
            batchId,
            u.getKey(),
            validator.validate(event).violations());
        continue;
      }
      items.forEach(i -> recommended.add(i.movieId()));
      events.add(event);
    }
    long publishedAt = publish(events);
    double[] latency = new double[valid.size()];
    for (int i = 0; i < latency.length; i++) {
      latency[i] = Math.max(0, publishedAt - valid.get(i).timestamp());
    }
    Arrays.sort(latency);
    long start = Math.min(windowStart, publishedAt);
    windowStart = publishedAt;
    double seconds = Math.max(1, publishedAt - start) / 1000.0;
    MetricsEvent.Builder metrics =
        MetricsEvent.builder(source, start, publishedAt)
            .count(valid.size())
            .throughput(valid.size() / seconds)
            .latency(
                percentile(latency, 0.50), percentile(latency, 0.95), percentile(latency, 0.99))
            .unpredictedCount(unpredicted)
            .coverage(
                model.catalogueSize() == 0
                    ? 0.0
                    : (double) recommended.size() / model.catalogueSize())
            .coldCount(cold)
            .invalidCount(invalid)
            .malformedCount(malformed)
            .batchId(batchId)
            .modelVersion(model.version());
    if (predicted > 0) {
      metrics.rmse(Math.sqrt(squaredError / predicted));
    }
    if (!users.isEmpty()) {
      metrics.personalizedShare((double) tasks.size() / users.size());
    }
    if (!valid.isEmpty()) {
      metrics.meanRating(ratingSum / valid.size());
    }
    MetricsEvent event = metrics.build();
    MetricsEventSender.publish(
        kafkaProperties, metricsTopic, List.of(new MetricsEventSender.Entry(event, Map.of())));
    LOG.info("batch {}: {} lists published; {}", batchId, events.size(), event);
  }

  private int[] seen(RecommenderModel model, int user) {
    int[] trained = model.rated(user);
    Set<Integer> since = seenSince.getOrDefault(user, Set.of());
    int[] all = Arrays.copyOf(trained, trained.length + since.size());
    int i = trained.length;
    for (int m : since) {
      all[i++] = m;
    }
    return Arrays.stream(all).sorted().distinct().toArray();
  }

  /** Nearest-rank percentile of sorted values; 0 for none. */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Sends the lists, waits for every acknowledgement, returns when that happened. */
  private long publish(List<RecommendationEvent> events) {
    if (events.isEmpty()) {
      return System.currentTimeMillis();
    }
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "spark-recommendations-publisher");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
      for (RecommendationEvent e : events) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    recommendationsTopic,
                    Integer.toString(e.userId()).getBytes(StandardCharsets.US_ASCII),
                    codec.encode(e))));
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while publishing recommendations to " + recommendationsTopic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "publishing recommendations to " + recommendationsTopic + " failed", e);
    }
    return System.currentTimeMillis();
  }
}
