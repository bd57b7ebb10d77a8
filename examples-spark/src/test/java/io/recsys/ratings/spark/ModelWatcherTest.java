package io.recsys.ratings.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.spark.internal.ModelWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWatcherTest {
  private final SparkSession spark = SharedSpark.get();

  private static String train(SparkSession spark, Path csv, Path models) {
    RatingsAlsJob.run(
        spark,
        AlsJobConfig.parse(
            "--csv",
            csv.toString(),
            "--model-out",
            models.toString(),
            "--rank",
            "2",
            "--max-iter",
            "3"));
    return ModelDirectory.latestVersion(models);
  }

  @Test
  void switchesToANewVersionAndKeepsTheCurrentOneWhenTheNextCannotBeLoaded(@TempDir Path dir)
      throws Exception {
    RecommendationTestData data = new RecommendationTestData(5, 60, 40, 12);
    Path csv = data.writeTrainingCsv(dir);
    Path models = dir.resolve("models");
    String v1 = train(spark, csv, models);
    ModelWatcher watcher = new ModelWatcher(spark, models);
    assertThat(watcher.current().version()).isEqualTo(v1);
    assertThat(watcher.refresh()).as("LATEST unchanged").isFalse();

    Thread.sleep(5); // versions are named by the millisecond
    String v2 = train(spark, csv, models);
    assertThat(v2).isNotEqualTo(v1);
    assertThat(watcher.refresh()).isTrue();
    assertThat(watcher.current().version()).isEqualTo(v2);
    assertThat(watcher.items().value().size()).isEqualTo(watcher.current().catalogueSize());

    // LATEST names a version that is not there: keep v2
    Files.writeString(models.resolve(ModelDirectory.LATEST), "als-gone\n");
    assertThat(watcher.refresh()).isFalse();
    assertThat(watcher.current().version()).isEqualTo(v2);

    // a half-written version (no _COMPLETE): keep v2
    Files.createDirectories(models.resolve("als-half").resolve("als"));
    Files.writeString(models.resolve(ModelDirectory.LATEST), "als-half\n");
    assertThat(watcher.refresh()).isFalse();
    assertThat(watcher.current().version()).isEqualTo(v2);

    // the pointer is gone: keep v2
    Files.delete(models.resolve(ModelDirectory.LATEST));
    assertThat(watcher.refresh()).isFalse();
    assertThat(watcher.current().version()).isEqualTo(v2);

    // back to v1 (a rollback is a switch too)
    ModelDirectory.switchLatest(models, v1);
    assertThat(watcher.refresh()).isTrue();
    assertThat(watcher.current().version()).isEqualTo(v1);
  }
}
