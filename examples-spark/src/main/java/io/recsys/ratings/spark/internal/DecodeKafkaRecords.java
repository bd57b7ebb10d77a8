package io.recsys.ratings.spark.internal;

import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingValidator;
import java.sql.Timestamp;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Decodes the rows of a Kafka source frame ({@code value}, {@code topic}, {@code partition}, {@code
 * offset}, {@code timestamp}) with one {@link RatingCodec} per partition.
 *
 * @param bounds the validator's bounds
 */
public record DecodeKafkaRecords(BoundsSpec bounds) implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    RatingCodec codec = RatingCodec.of(RatingValidator.of(bounds.toBounds()));
    return new Iterator<>() {
      private int value = -1;
      private int topic;
      private int partition;
      private int offset;
      private int timestamp;

      @Override
      public boolean hasNext() {
        return input.hasNext();
      }

      @Override
      public Row next() {
        Row row = input.next();
        if (value < 0) {
          value = row.fieldIndex("value");
          topic = indexOrMinusOne(row, "topic");
          partition = indexOrMinusOne(row, "partition");
          offset = indexOrMinusOne(row, "offset");
          timestamp = indexOrMinusOne(row, "timestamp");
        }
        byte[] bytes = row.isNullAt(value) ? null : (byte[]) row.get(value);
        return BoundsSpec.toRow(
            codec.decode(bytes),
            topic < 0 ? null : row.getString(topic),
            partition < 0 || row.isNullAt(partition) ? null : row.getInt(partition),
            offset < 0 || row.isNullAt(offset) ? null : row.getLong(offset),
            timestamp < 0 ? null : (Timestamp) row.get(timestamp),
            bytes);
      }
    };
  }

  private static int indexOrMinusOne(Row row, String name) {
    return row.schema().getFieldIndex(name).isDefined() ? row.fieldIndex(name) : -1;
  }
}
