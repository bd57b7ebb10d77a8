package io.recsys.ratings.spark.internal;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.Violation;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@link RatingBounds} in a serializable form (the record itself is not), so that functions shipped
 * to executors can rebuild the codec and validator per partition.
 */
public record BoundsSpec(int minUserId, int maxUserId, int minMovieId, int maxMovieId)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Copies bounds.
   *
   * @param bounds the bounds
   * @return the serializable copy
   */
  public static BoundsSpec of(RatingBounds bounds) {
    return new BoundsSpec(
        bounds.minUserId(), bounds.maxUserId(), bounds.minMovieId(), bounds.maxMovieId());
  }

  /**
   * The bounds again.
   *
   * @return the bounds
   */
  public RatingBounds toBounds() {
    return new RatingBounds(minUserId, maxUserId, minMovieId, maxMovieId);
  }

  /**
   * One decoded row (see {@link DecodedColumns#SCHEMA}).
   *
   * @param result the codec's or validator's outcome
   * @param topic the Kafka topic or null
   * @param partition the Kafka partition or null
   * @param offset the Kafka offset or null
   * @param kafkaTimestamp the record timestamp or null
   * @param value the raw bytes, kept only for rejected records
   * @return the row
   */
  static Row toRow(
      DecodeResult result,
      String topic,
      Integer partition,
      Long offset,
      Timestamp kafkaTimestamp,
      byte[] value) {
    RatingEvent e;
    String reason;
    byte[] kept;
    if (result instanceof DecodeResult.Valid v) {
      e = v.event();
      reason = null;
      kept = null;
    } else if (result instanceof DecodeResult.Invalid i) {
      e = i.event();
      reason = describe(i.violations());
      kept = value;
    } else {
      e = null;
      reason = ((DecodeResult.Malformed) result).reason();
      kept = value;
    }
    return RowFactory.create(
        result.kind().name(),
        e == null ? null : e.userId(),
        e == null ? null : e.movieId(),
        e == null ? null : e.rating(),
        e == null ? null : e.timestamp(),
        reason,
        topic,
        partition,
        offset,
        kafkaTimestamp,
        kept);
  }

  /**
   * The violations as one reason text, e.g. {@code "RATING_OUT_OF_RANGE: rating 5.5 ..."}.
   *
   * @param violations the violations
   * @return the text
   */
  static String describe(List<Violation> violations) {
    return violations.stream()
        .map(v -> v.code() + ": " + v.message())
        .collect(Collectors.joining("; "));
  }
}
