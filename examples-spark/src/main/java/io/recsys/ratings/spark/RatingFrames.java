package io.recsys.ratings.spark;

import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingSchemas;
import io.recsys.ratings.spark.internal.BoundsSpec;
import io.recsys.ratings.spark.internal.DecodeCsvLines;
import io.recsys.ratings.spark.internal.DecodeKafkaRecords;
import io.recsys.ratings.spark.internal.DecodedColumns;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Turns Kafka records (or MovieLens CSV lines) into Spark rows of valid ratings and rejected
 * records, with the schema module's {@link RatingCodec} and {@link
 * io.recsys.ratings.schema.RatingValidator}: the same decoding and the same rules as the SDK's
 * consumers, no second copy.
 *
 * <pre>{@code
 * Dataset<Row> kafka = spark.readStream().format("kafka")
 *     .option("kafka.bootstrap.servers", servers).option("subscribe", "ratings").load();
 * DecodedRatings decoded = RatingFrames.decode(kafka);
 * decoded.valid();     // userId INT, movieId INT, rating DOUBLE, timestamp BIGINT
 * decoded.rejected();  // kind, reason, topic, partition, offset, kafkaTimestamp, value
 * }</pre>
 *
 * <p>Works on batch and streaming frames alike. Decoding runs in one {@code mapPartitions} with one
 * codec per partition (nothing but the bounds is shipped to executors).
 */
public final class RatingFrames {

  private RatingFrames() {}

  /**
   * The schema of valid ratings, {@link RatingSchemas#SPARK_DDL}.
   *
   * @return {@code userId INT, movieId INT, rating DOUBLE, timestamp BIGINT} (epoch ms)
   */
  public static StructType eventSchema() {
    return StructType.fromDDL(RatingSchemas.SPARK_DDL);
  }

  /**
   * The schema of {@link DecodedRatings#all()}: {@code kind} (VALID, INVALID or MALFORMED), the
   * four event fields (null when malformed), {@code reason} (null when valid), {@code topic},
   * {@code partition}, {@code offset}, {@code kafkaTimestamp} and {@code value} (the raw bytes,
   * rejected records only).
   *
   * @return the schema
   */
  public static StructType decodedSchema() {
    return DecodedColumns.SCHEMA;
  }

  /**
   * Decodes a Kafka source frame under the default bounds ({@link RatingBounds#defaults()}).
   *
   * @param kafkaFrame a frame with at least a binary {@code value} column; {@code topic}, {@code
   *     partition}, {@code offset} and {@code timestamp} are carried along when present
   * @return the decoded frames
   */
  public static DecodedRatings decode(Dataset<Row> kafkaFrame) {
    return decode(kafkaFrame, RatingBounds.defaults());
  }

  /**
   * Decodes a Kafka source frame.
   *
   * @param kafkaFrame a frame with at least a binary {@code value} column; {@code topic}, {@code
   *     partition}, {@code offset} and {@code timestamp} are carried along when present
   * @param bounds the id ranges the validator accepts
   * @return the decoded frames
   * @throws IllegalArgumentException if the frame has no {@code value} column
   */
  public static DecodedRatings decode(Dataset<Row> kafkaFrame, RatingBounds bounds) {
    Objects.requireNonNull(kafkaFrame, "kafkaFrame");
    Objects.requireNonNull(bounds, "bounds");
    if (kafkaFrame.schema().getFieldIndex("value").isEmpty()) {
      throw new IllegalArgumentException(
          "the frame needs a binary 'value' column (a Kafka source frame), found "
              + kafkaFrame.schema().simpleString());
    }
    Dataset<Row> all =
        kafkaFrame.mapPartitions(
            new DecodeKafkaRecords(BoundsSpec.of(bounds)), Encoders.row(DecodedColumns.SCHEMA));
    return new DecodedRatings(all);
  }

  /**
   * Reads MovieLens {@code ratings.csv} lines (timestamps in seconds, converted to milliseconds)
   * with {@link io.recsys.ratings.schema.MovieLensCsv#parseLine(String, long)} and validates them.
   * The header line and blank lines are skipped; an unreadable line becomes a MALFORMED record.
   *
   * @param lines the lines, e.g. {@code spark.read().textFile("ratings.csv")}
   * @param bounds the id ranges the validator accepts
   * @return the decoded frames (the Kafka columns are null)
   */
  public static DecodedRatings decodeCsvLines(Dataset<String> lines, RatingBounds bounds) {
    Objects.requireNonNull(lines, "lines");
    Objects.requireNonNull(bounds, "bounds");
    Dataset<Row> all =
        lines.mapPartitions(
            new DecodeCsvLines(BoundsSpec.of(bounds)), Encoders.row(DecodedColumns.SCHEMA));
    return new DecodedRatings(all);
  }
}
