package io.recsys.ratings.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendationValidator;
import io.recsys.ratings.schema.RecommendedItem;
import io.recsys.ratings.spark.internal.ItemFactors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of versioned recommender models, written by {@link RatingsAlsJob} ({@code
 * --model-out}) and read by {@link RatingsRecommendationJob} ({@code --model-dir}):
 *
 * <pre>
 * DIR/LATEST                   the current version, one line (switched atomically)
 * DIR/&lt;version&gt;/als/           the ALS model (Spark ML format)
 * DIR/&lt;version&gt;/rated/         parquet: userId INT, movies ARRAY&lt;INT&gt; (ascending)
 * DIR/&lt;version&gt;/popular/       parquet: rank INT, movieId INT, count BIGINT, mean DOUBLE
 * DIR/&lt;version&gt;/metadata.json  {@link ModelMetadata}
 * DIR/&lt;version&gt;/_COMPLETE      the version again, written last
 * </pre>
 *
 * <p>A version is written in full, then marked {@code _COMPLETE}, then {@code LATEST} is replaced
 * by writing a temporary file and renaming it over the old one ({@code ATOMIC_MOVE}), so a reader
 * sees either the old version or the new one, never half a model; a directory without {@code
 * _COMPLETE} is half-written and refused. Old versions are kept (delete them yourself). The
 * directory is read and written with {@code java.nio}: it must be a local path, or a shared file
 * system mounted at the same path on the driver and every executor.
 */
public final class ModelDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(ModelDirectory.class);

  /** The pointer file naming the current version. */
  public static final String LATEST = "LATEST";

  /** The marker written last into a version's directory. */
  public static final String COMPLETE = "_COMPLETE";

  /** The metadata file of a version. */
  public static final String METADATA = "metadata.json";

  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  private ModelDirectory() {}

  /**
   * A new version name: {@code als-} and the UTC time to the millisecond, e.g. {@code
   * als-20251029-101530-123}.
   *
   * @param epochMillis the time
   * @return the version
   */
  public static String newVersion(long epochMillis) {
    return "als-" + VERSION_TIME.format(java.time.Instant.ofEpochMilli(epochMillis));
  }

  /**
   * Saves a model as a new version and makes it the latest.
   *
   * @param dir the model directory (created if absent)
   * @param metadata the metadata; its version names the new directory, which must not exist
   * @param model the trained model
   * @param ratings every valid rating the model was trained on or tested with: {@code userId},
   *     {@code movieId}, {@code rating}
   * @param popularSize how many popular movies to keep, 1..{@value RecommendationEvent#MAX_ITEMS}
   * @param popularMinCount the fewest ratings a popular movie needs
   * @return the version's directory
   * @throws IOException if a file cannot be written
   * @throws IllegalArgumentException if the version exists already
   */
  public static Path save(
      Path dir,
      ModelMetadata metadata,
      ALSModel model,
      Dataset<Row> ratings,
      int popularSize,
      int popularMinCount)
      throws IOException {
    Objects.requireNonNull(metadata, "metadata");
    Path versionDir = dir.toAbsolutePath().resolve(metadata.version());
    if (Files.exists(versionDir)) {
      throw new IllegalArgumentException("model version exists already: " + versionDir);
    }
    Files.createDirectories(versionDir);
    model.write().save(uri(versionDir.resolve("als")));
    ratings
        .groupBy(col("userId"))
        .agg(array_sort(collect_set(col("movieId"))).as("movies"))
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(uri(versionDir.resolve("rated")));
    popular(ratings, popularSize, popularMinCount)
        .coalesce(1)
        .write()
        .mode(SaveMode.ErrorIfExists)
        .parquet(uri(versionDir.resolve("popular")));
    Files.write(versionDir.resolve(METADATA), metadata.toJson());
    Files.writeString(versionDir.resolve(COMPLETE), metadata.version() + "\n");
    switchLatest(dir, metadata.version());
    LOG.info("saved model {} to {}", metadata.version(), versionDir);
    return versionDir;
  }

  /**
   * Points {@code LATEST} at a version: writes a temporary file next to it and renames it over
   * {@code LATEST} atomically.
   *
   * @param dir the model directory
   * @param version the version, whose directory must be complete
   * @throws IOException if the pointer cannot be written or the file system cannot rename
   *     atomically
   * @throws ModelLoadException if the version's directory is not complete
   */
  public static void switchLatest(Path dir, String version) throws IOException {
    requireComplete(dir.toAbsolutePath(), version, dir.resolve(LATEST));
    Path tmp = dir.resolve("." + LATEST + "-" + UUID.randomUUID() + ".tmp");
    Files.writeString(tmp, version + "\n");
    try {
      Files.move(tmp, dir.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The version {@code LATEST} names.
   *
   * @param dir the model directory
   * @return the version
   * @throws ModelLoadException if the directory or {@code LATEST} is missing or unreadable, or it
   *     does not hold a valid version
   */
  public static String latestVersion(Path dir) {
    Path abs = dir.toAbsolutePath();
    if (!Files.isDirectory(abs)) {
      throw new ModelLoadException(abs, "model directory not found", null);
    }
    Path latest = abs.resolve(LATEST);
    String version;
    try {
      version = Files.readString(latest, StandardCharsets.UTF_8).strip();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ModelLoadException(
          latest, "no LATEST pointer in the model directory (no model saved yet?)", e);
    } catch (IOException e) {
      throw new ModelLoadException(latest, "cannot read the LATEST pointer", e);
    }
    if (!RecommendationValidator.isValidModelVersion(version)) {
      throw new ModelLoadException(
          latest, "LATEST does not hold a model version (got '" + version + "')", null);
    }
    return version;
  }

  /**
   * Loads the version {@code LATEST} names onto the driver.
   *
   * @param spark the session (reads the model's files)
   * @param dir the model directory
   * @return the model
   * @throws ModelLoadException if the directory, the pointer or the version is missing,
   *     half-written or unreadable; the exception names the path
   */
  public static RecommenderModel loadLatest(SparkSession spark, Path dir) {
    return load(spark, dir, latestVersion(dir));
  }

  /**
   * Loads one version onto the driver.
   *
   * @param spark the session (reads the model's files)
   * @param dir the model directory
   * @param version the version
   * @return the model
   * @throws ModelLoadException if the version is missing, half-written or unreadable; the exception
   *     names the path
   */
  public static RecommenderModel load(SparkSession spark, Path dir, String version) {
    Path abs = dir.toAbsolutePath();
    Path versionDir = requireComplete(abs, version, abs.resolve(LATEST));
    ModelMetadata metadata;
    Path metadataFile = versionDir.resolve(METADATA);
    try {
      metadata = ModelMetadata.fromJson(Files.readAllBytes(metadataFile));
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelLoadException(metadataFile, "cannot read the model metadata", e);
    }
    try {
      ALSModel als = ALSModel.load(uri(versionDir.resolve("als")));
      Map<Integer, float[]> users = new HashMap<>();
      for (Row r : als.userFactors().collectAsList()) {
        users.put(r.getInt(0), floats(r.getList(1)));
      }
      List<Row> itemRows = als.itemFactors().orderBy(col("id")).collectAsList();
      int rank = als.rank();
      int[] ids = new int[itemRows.size()];
      float[] factors = new float[ids.length * rank];
      for (int i = 0; i < ids.length; i++) {
        Row r = itemRows.get(i);
        ids[i] = r.getInt(0);
        float[] f = floats(r.getList(1));
        System.arraycopy(f, 0, factors, i * rank, rank);
      }
      Map<Integer, int[]> rated = new HashMap<>();
      for (Row r : spark.read().parquet(uri(versionDir.resolve("rated"))).collectAsList()) {
        List<Integer> movies = r.getList(1);
        int[] m = movies.stream().mapToInt(Integer::intValue).sorted().toArray();
        rated.put(r.getInt(0), m);
      }
      List<RecommendedItem> popular = new ArrayList<>();
      for (Row r :
          spark
              .read()
              .parquet(uri(versionDir.resolve("popular")))
              .orderBy(col("rank"))
              .collectAsList()) {
        popular.add(new RecommendedItem(r.<Integer>getAs("movieId"), r.<Double>getAs("mean")));
      }
      RecommenderModel model =
          new RecommenderModel(
              metadata, users, new ItemFactors(ids, factors, rank), rated, popular);
      LOG.info("loaded {} from {}", model, versionDir);
      return model;
    } catch (RuntimeException e) {
      throw new ModelLoadException(versionDir, "cannot load the model version", e);
    }
  }

  /**
   * The popular movies: those with at least {@code minCount} ratings, by mean rating, then by count
   * (both descending), then by movie id; the mean is the fallback list's score.
   *
   * @param ratings {@code movieId} and {@code rating}
   * @param size how many to keep
   * @param minCount the fewest ratings a movie needs
   * @return {@code rank INT} (1 is the best), {@code movieId}, {@code count}, {@code mean}
   */
  static Dataset<Row> popular(Dataset<Row> ratings, int size, int minCount) {
    List<Row> top =
        ratings
            .groupBy(col("movieId"))
            .agg(count(lit(1)).as("count"), avg(col("rating")).as("mean"))
            .filter(col("count").geq(minCount))
            .orderBy(col("mean").desc(), col("count").desc(), col("movieId"))
            .limit(size)
            .collectAsList();
    List<Row> ranked = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      Row r = top.get(i);
      ranked.add(
          org.apache.spark.sql.RowFactory.create(i + 1, r.getInt(0), r.getLong(1), r.getDouble(2)));
    }
    return ratings
        .sparkSession()
        .createDataFrame(
            ranked,
            org.apache.spark.sql.types.StructType.fromDDL(
                "rank INT, movieId INT, count BIGINT, mean DOUBLE"));
  }

  private static Path requireComplete(Path dir, String version, Path pointer) {
    if (!RecommendationValidator.isValidModelVersion(version)) {
      throw new ModelLoadException(pointer, "not a model version: '" + version + "'", null);
    }
    Path versionDir = dir.resolve(version);
    if (!Files.isDirectory(versionDir)) {
      throw new ModelLoadException(
          versionDir,
          "model version " + version + " not found (LATEST names a missing version?)",
          null);
    }
    Path complete = versionDir.resolve(COMPLETE);
    String marker;
    try {
      marker = Files.readString(complete, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ModelLoadException(
          versionDir, "model version " + version + " is half-written (no " + COMPLETE + ")", e);
    }
    if (!marker.equals(version)) {
      throw new ModelLoadException(
          complete, COMPLETE + " names '" + marker + "', not " + version, null);
    }
    return versionDir;
  }

  private static float[] floats(List<Object> list) {
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).floatValue();
    }
    return out;
  }

  private static String uri(Path p) {
    return p.toAbsolutePath().toUri().toString();
  }
}
