package io.recsys.ratings.schema;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Descriptions of the event for other tools: the JSON Schema of the wire format and the Spark SQL
 * DDL.
 *
 * <p>The JSON Schema (draft 2020-12) ships in this jar as {@value #JSON_SCHEMA_RESOURCE}. It
 * encodes the default rules, those of {@link RatingBounds#ML_20M}: required integer ids 1..138,493
 * and 1..131,262, a number rating 0.5..5.0 that is a multiple of 0.5, an integer timestamp above 0,
 * any further properties allowed (forward compatibility). A schema is static, so other {@link
 * RatingBounds} cannot be expressed by it; and JSON Schema sees a parsed document, so it cannot
 * reject duplicate field names, which {@link RatingCodec} treats as malformed.
 */
public final class RatingSchemas {

  /** Class-path location of the JSON Schema, for {@link Class#getResourceAsStream(String)}. */
  public static final String JSON_SCHEMA_RESOURCE =
      "/io/recsys/ratings/schema/rating-event.schema.json";

  /** The {@code $id} of the JSON Schema. */
  public static final String JSON_SCHEMA_ID =
      "https://recsys.io/schemas/ratings/rating-event.schema.json";

  /**
   * The Spark SQL DDL of the event, for {@code from_json(col("value").cast("string"), SPARK_DDL,
   * options)} or {@code DataFrameReader.schema(SPARK_DDL)}.
   */
  public static final String SPARK_DDL = "userId INT, movieId INT, rating DOUBLE, timestamp BIGINT";

  /** The JSON field names in wire order. */
  public static final List<String> FIELD_NAMES =
      List.of("userId", "movieId", "rating", "timestamp");

  private RatingSchemas() {}

  /**
   * Opens the JSON Schema resource.
   *
   * @return a stream of the UTF-8 schema; the caller closes it
   * @throws IllegalStateException if the resource is missing (a broken jar)
   */
  public static InputStream openJsonSchema() {
    return SchemaResources.open(JSON_SCHEMA_RESOURCE);
  }

  /**
   * The JSON Schema as text.
   *
   * @return the schema document
   * @throws UncheckedIOException if the resource cannot be read
   * @throws IllegalStateException if the resource is missing (a broken jar)
   */
  public static String jsonSchema() {
    return SchemaResources.read(JSON_SCHEMA_RESOURCE);
  }
}
