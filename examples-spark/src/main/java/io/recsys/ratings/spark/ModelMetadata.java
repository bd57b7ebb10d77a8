package io.recsys.ratings.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recsys.ratings.schema.RecommendationValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a saved model was trained with and how well it did: the content of {@code metadata.json} in
 * a model version's directory (see {@link ModelDirectory}).
 *
 * @param version the model version, also the directory's name (see {@link
 *     RecommendationValidator#isValidModelVersion(String)})
 * @param rank ALS rank
 * @param regParam ALS regularisation
 * @param maxIter ALS iterations
 * @param alpha ALS implicit-feedback confidence, empty for explicit ratings (what this job trains)
 * @param trainRatings ratings in the training split
 * @param testRatings ratings in the held-out split
 * @param users users with factors
 * @param movies movies with factors
 * @param heldOutRmse RMSE on the held-out split
 * @param trainedAt when training finished, epoch ms
 */
public record ModelMetadata(
    String version,
    int rank,
    double regParam,
    int maxIter,
    OptionalDouble alpha,
    long trainRatings,
    long testRatings,
    long users,
    long movies,
    double heldOutRmse,
    long trainedAt) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Checks the version and the non-null parts.
   *
   * @param version the model version
   * @param rank ALS rank
   * @param regParam ALS regularisation
   * @param maxIter ALS iterations
   * @param alpha implicit-feedback confidence or empty
   * @param trainRatings training ratings
   * @param testRatings held-out ratings
   * @param users users with factors
   * @param movies movies with factors
   * @param heldOutRmse held-out RMSE
   * @param trainedAt epoch ms
   * @throws IllegalArgumentException if the version breaks the model-version rule
   */
  public ModelMetadata {
    if (!RecommendationValidator.isValidModelVersion(version)) {
      throw new IllegalArgumentException(
          "version must be 1 to 64 characters of A-Z a-z 0-9 . _ -, got '" + version + "'");
    }
    Objects.requireNonNull(alpha, "alpha");
  }

  /**
   * The JSON form.
   *
   * @return UTF-8 JSON, one object
   */
  public byte[] toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("version", version);
    o.put("rank", rank);
    o.put("regParam", regParam);
    o.put("maxIter", maxIter);
    if (alpha.isPresent()) {
      o.put("alpha", alpha.getAsDouble());
    } else {
      o.putNull("alpha");
    }
    o.put("trainRatings", trainRatings);
    o.put("testRatings", testRatings);
    o.put("users", users);
    o.put("movies", movies);
    o.put("heldOutRmse", heldOutRmse);
    o.put("trainedAt", trainedAt);
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the JSON form.
   *
   * @param json the bytes of {@code metadata.json}
   * @return the metadata
   * @throws IllegalArgumentException if it is not such JSON
   */
  public static ModelMetadata fromJson(byte[] json) {
    JsonNode o;
    try {
      o = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not model metadata JSON", e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException(
          "not model metadata JSON: " + new String(json, StandardCharsets.UTF_8));
    }
    for (String field :
        new String[] {"version", "rank", "regParam", "maxIter", "heldOutRmse", "trainedAt"}) {
      if (!o.hasNonNull(field)) {
        throw new IllegalArgumentException("model metadata lacks '" + field + "'");
      }
    }
    JsonNode alpha = o.get("alpha");
    return new ModelMetadata(
        o.get("version").asText(),
        o.get("rank").asInt(),
        o.get("regParam").asDouble(),
        o.get("maxIter").asInt(),
        alpha == null || alpha.isNull()
            ? OptionalDouble.empty()
            : OptionalDouble.of(alpha.asDouble()),
        o.path("trainRatings").asLong(),
        o.path("testRatings").asLong(),
        o.path("users").asLong(),
        o.path("movies").asLong(),
        o.get("heldOutRmse").asDouble(),
        o.get("trainedAt").asLong());
  }
}
