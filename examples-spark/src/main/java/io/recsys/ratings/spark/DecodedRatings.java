package io.recsys.ratings.spark;

import static org.apache.spark.sql.functions.col;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingSchemas;
import io.recsys.ratings.spark.internal.DecodedColumns;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The decoded form of a frame of ratings (see {@link RatingFrames}): every input record exactly
 * once in {@link #all()}, split into {@link #valid()} and {@link #rejected()}.
 *
 * <p>The two views are filters of the same lineage: each action on them decodes again unless {@link
 * #all()} is cached. A streaming job that wants both should aggregate {@link #all()} by {@code
 * kind} in one query, as {@link RatingsStreamingJob} does.
 */
public final class DecodedRatings {
  private final Dataset<Row> all;

  /**
   * Wraps a frame of {@link RatingFrames#decodedSchema()}.
   *
   * @param all the decoded rows
   */
  public DecodedRatings(Dataset<Row> all) {
    this.all = Objects.requireNonNull(all, "all");
  }

  /**
   * Every record with its outcome, schema {@link RatingFrames#decodedSchema()}.
   *
   * @return all decoded rows
   */
  public Dataset<Row> all() {
    return all;
  }

  /**
   * The valid ratings only.
   *
   * @return rows of {@link RatingSchemas#SPARK_DDL}
   */
  public Dataset<Row> valid() {
    return all.filter(col(DecodedColumns.KIND).equalTo(DecodeResult.Kind.VALID.name()))
        .select(RatingSchemas.FIELD_NAMES.stream().map(n -> col(n)).toArray(Column[]::new));
  }

  /**
   * The invalid and malformed records with why they were rejected.
   *
   * @return rows of {@code kind, reason, topic, partition, offset, kafkaTimestamp, value}
   */
  public Dataset<Row> rejected() {
    return all.filter(col(DecodedColumns.KIND).notEqual(DecodeResult.Kind.VALID.name()))
        .select(
            col(DecodedColumns.KIND),
            col(DecodedColumns.REASON),
            col("topic"),
            col("partition"),
            col("offset"),
            col(DecodedColumns.KAFKA_TIMESTAMP),
            col(DecodedColumns.VALUE));
  }
}
