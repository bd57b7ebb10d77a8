package io.recsys.ratings.spark.internal;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Column names and the row layout of decoded ratings, shared by the decode functions. */
public final class DecodedColumns {
  /** Outcome kind: VALID, INVALID or MALFORMED (a {@code DecodeResult.Kind} name). */
  public static final String KIND = "kind";

  /** Why a record was rejected; null for valid ones. */
  public static final String REASON = "reason";

  /** The Kafka record timestamp (or null for records not read from Kafka). */
  public static final String KAFKA_TIMESTAMP = "kafkaTimestamp";

  /** The raw value of rejected records (null for valid ones). */
  public static final String VALUE = "value";

  /** The layout: kind, the four event fields, reason, topic, partition, offset, time, value. */
  public static final StructType SCHEMA =
      new StructType()
          .add(KIND, DataTypes.StringType, false)
          .add("userId", DataTypes.IntegerType, true)
          .add("movieId", DataTypes.IntegerType, true)
          .add("rating", DataTypes.DoubleType, true)
          .add("timestamp", DataTypes.LongType, true)
          .add(REASON, DataTypes.StringType, true)
          .add("topic", DataTypes.StringType, true)
          .add("partition", DataTypes.IntegerType, true)
          .add("offset", DataTypes.LongType, true)
          .add(KAFKA_TIMESTAMP, DataTypes.TimestampType, true)
          .add(VALUE, DataTypes.BinaryType, true);

  private DecodedColumns() {}
}
