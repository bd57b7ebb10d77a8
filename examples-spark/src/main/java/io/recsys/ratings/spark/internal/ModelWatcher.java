package io.recsys.ratings.spark.internal;

import io.recsys.ratings.spark.ModelDirectory;
import io.recsys.ratings.spark.ModelLoadException;
import io.recsys.ratings.spark.RecommenderModel;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the current model of a {@link ModelDirectory} on the driver and its item factors broadcast
 * to the executors; {@link #refresh()} switches to the version {@code LATEST} names when it
 * changes. Used from one thread (the streaming query's, between micro-batches).
 */
public final class ModelWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

  private final SparkSession spark;
  private final Path dir;
  private RecommenderModel current;
  private Broadcast<ItemFactors> items;

  /**
   * Loads the latest version.
   *
   * @param spark the session
   * @param dir the model directory
   * @throws ModelLoadException if the directory, its pointer or the version is missing,
   *     half-written or unreadable
   */
  public ModelWatcher(SparkSession spark, Path dir) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.dir = Objects.requireNonNull(dir, "dir");
    use(ModelDirectory.loadLatest(spark, dir));
  }

  /**
   * The current model.
   *
   * @return the model
   */
  public RecommenderModel current() {
    return current;
  }

  /**
   * The current model's item factors, broadcast.
   *
   * @return the broadcast
   */
  public Broadcast<ItemFactors> items() {
    return items;
  }

  /**
   * Switches to the version {@code LATEST} names if it is another one. If that version cannot be
   * loaded (the pointer is gone, the version is missing or half-written), the current model stays
   * and a WARN says why; the next call tries again.
   *
   * @return true if the model changed
   */
  public boolean refresh() {
    String latest;
    try {
      latest = ModelDirectory.latestVersion(dir);
    } catch (ModelLoadException e) {
      LOG.warn("keeping model {}: {}", current.version(), e.getMessage());
      return false;
    }
    if (latest.equals(current.version())) {
      return false;
    }
    RecommenderModel next;
    try {
      next = ModelDirectory.load(spark, dir, latest);
    } catch (ModelLoadException e) {
      LOG.warn("keeping model {}: {}", current.version(), e.getMessage());
      return false;
    }
    String old = current.version();
    Broadcast<ItemFactors> oldItems = items;
    use(next);
    oldItems.destroy();
    LOG.info("switched model {} -> {}", old, next.version());
    return true;
  }

  private void use(RecommenderModel model) {
    current = model;
    items = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model.items());
  }
}
