package io.recsys.ratings.schema;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Descriptions of the {@link RecommendationEvent} for other tools: the JSON Schema of its wire
 * format and the Spark SQL DDL.
 *
 * <p>The JSON Schema (draft 2020-12) ships in this jar as {@value #JSON_SCHEMA_RESOURCE}. It
 * encodes the rules of {@link RecommendationValidator#defaults()} (any positive id), the two kinds,
 * the model version's characters and length, positive times, at most {@value
 * RecommendationEvent#MAX_ITEMS} items of a {@code movieId} and a {@code score}, and allows further
 * properties (forward compatibility). What a schema cannot express, {@link RecommendationCodec}
 * checks on top: scores non-increasing along the list, each movie once, no duplicate field names
 * and an input of at most {@value RecommendationCodec#MAX_BYTES} bytes.
 */
public final class RecommendationSchemas {

  /** Class-path location of the JSON Schema, for {@link Class#getResourceAsStream(String)}. */
  public static final String JSON_SCHEMA_RESOURCE =
      "/io/recsys/ratings/schema/recommendation-event.schema.json";

  /** The {@code $id} of the JSON Schema. */
  public static final String JSON_SCHEMA_ID =
      "https://recsys.io/schemas/ratings/recommendation-event.schema.json";

  /**
   * The Spark SQL DDL of the event, for {@code from_json(col("value").cast("string"), SPARK_DDL,
   * options)} or {@code DataFrameReader.schema(SPARK_DDL)}; {@code kind} is a string column.
   */
  public static final String SPARK_DDL =
      "userId INT, kind STRING, modelVersion STRING, generatedAt BIGINT, ratingTimestamp BIGINT,"
          + " items ARRAY<STRUCT<movieId: INT, score: DOUBLE>>";

  /** The JSON field names in wire order. */
  public static final List<String> FIELD_NAMES =
      List.of("userId", "kind", "modelVersion", "generatedAt", "ratingTimestamp", "items");

  /** The JSON field names of one item of {@code items}, in wire order. */
  public static final List<String> ITEM_FIELD_NAMES = List.of("movieId", "score");

  private RecommendationSchemas() {}

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
