/**
 * Spark jobs and helpers that decode and validate ratings with the schema module's {@link
 * io.recsys.ratings.schema.RatingCodec}, exactly as the SDK's services do: {@link
 * io.recsys.ratings.spark.RatingFrames} (Kafka source frame to valid and rejected ratings), {@link
 * io.recsys.ratings.spark.RatingsStreamingJob} (per-window metrics to the {@code metrics} topic),
 * {@link io.recsys.ratings.spark.RatingsAlsJob} (ALS, RMSE and coverage) and {@link
 * io.recsys.ratings.spark.KafkaGroupOffsetCommitter} (a streaming query's offsets, committed to a
 * consumer group so that lag tools see them).
 */
package io.recsys.ratings.spark;
