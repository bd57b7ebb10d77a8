package io.recsys.ratings.spark.internal;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.MetricsEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code foreachBatch} body of the streaming job: one micro-batch is one processing-time
 * window; it aggregates the decoded rows by kind and publishes one {@link MetricsEvent} per kind.
 * Runs on the driver.
 */
public final class WindowMetrics implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(WindowMetrics.class);

  /** Header with the mean rating of the window's valid events (absent in the metrics format). */
  public static final String RATING_MEAN_HEADER = "rating-mean";

  /** Header with the micro-batch id, so that a replayed window can be recognised. */
  public static final String BATCH_ID_HEADER = "batch-id";

  private final Map<String, String> kafkaProperties;
  private final String metricsTopic;
  private final String source;
  private final AtomicLong windowStart;

  /**
   * A writer.
   *
   * @param kafkaProperties Kafka client properties
   * @param metricsTopic where to publish
   * @param source the base source name
   * @param startMillis the start of the first window
   */
  public WindowMetrics(
      Map<String, String> kafkaProperties, String metricsTopic, String source, long startMillis) {
    this.kafkaProperties = Map.copyOf(kafkaProperties);
    this.metricsTopic = metricsTopic;
    this.source = source;
    this.windowStart = new AtomicLong(startMillis);
  }

  /**
   * The source name of one kind's events: the base name for valid ratings, {@code base:invalid} and
   * {@code base:malformed} for the rejected ones.
   *
   * @param base the base name
   * @param kind the kind
   * @return the source name
   */
  public static String sourceOf(String base, DecodeResult.Kind kind) {
    return kind == DecodeResult.Kind.VALID
        ? base
        : base + ":" + kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    long end = System.currentTimeMillis();
    long start = Math.min(windowStart.getAndSet(end), end);
    Column latencyMs =
        greatest(
            lit(0.0),
            lit(end / 1000.0)
                .minus(col(DecodedColumns.KAFKA_TIMESTAMP).cast("double"))
                .multiply(1000.0));
    List<Row> rows =
        batch
            .groupBy(col(DecodedColumns.KIND))
            .agg(
                count(lit(1)).as("n"),
                avg(col("rating")).as("mean"),
                percentile_approx(latencyMs, array(lit(0.5), lit(0.95), lit(0.99)), lit(10_000))
                    .as("p"))
            .collectAsList();
    Map<DecodeResult.Kind, Row> byKind = new EnumMap<>(DecodeResult.Kind.class);
    for (Row r : rows) {
      byKind.put(DecodeResult.Kind.valueOf(r.getString(0)), r);
    }
    double seconds = Math.max(1, end - start) / 1000.0;
    List<MetricsEventSender.Entry> entries = new ArrayList<>();
    for (DecodeResult.Kind kind : DecodeResult.Kind.values()) {
      Row r = byKind.get(kind);
      long n = r == null ? 0 : r.getLong(1);
      double[] p = percentiles(r);
      MetricsEvent event =
          MetricsEvent.of(start, end, sourceOf(source, kind), n, n / seconds, p[0], p[1], p[2]);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(BATCH_ID_HEADER, Long.toString(batchId));
      if (kind == DecodeResult.Kind.VALID && r != null && !r.isNullAt(2)) {
        headers.put(RATING_MEAN_HEADER, Double.toString(r.getDouble(2)));
      }
      entries.add(new MetricsEventSender.Entry(event, headers));
    }
    MetricsEventSender.publish(kafkaProperties, metricsTopic, entries);
    if (LOG.isInfoEnabled()) {
      LOG.info("batch {}: {}", batchId, entries);
    }
  }

  private static double[] percentiles(Row r) {
    double[] out = new double[3];
    if (r == null || r.isNullAt(3)) {
      return out;
    }
    List<Object> list = r.getList(3);
    for (int i = 0; i < 3 && i < list.size(); i++) {
      Object v = list.get(i);
      out[i] = v == null ? 0.0 : Math.max(0.0, ((Number) v).doubleValue());
    }
    return out;
  }
}
