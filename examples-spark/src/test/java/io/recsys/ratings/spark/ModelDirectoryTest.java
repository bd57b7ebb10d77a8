package io.recsys.ratings.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.schema.RecommendedItem;
import io.recsys.ratings.spark.internal.ItemFactors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

  @Test
  void aMissingDirectoryOrPointerIsATypedErrorNamingThePath(@TempDir Path dir) {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> ModelDirectory.latestVersion(missing))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model directory not found")
        .satisfies(e -> assertThat(((ModelLoadException) e).path()).isEqualTo(missing));
    assertThatThrownBy(() -> ModelDirectory.latestVersion(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("no LATEST pointer")
        .satisfies(
            e ->
                assertThat(((ModelLoadException) e).path())
                    .isEqualTo(dir.resolve(ModelDirectory.LATEST)));
  }

  @Test
  void aPointerToAMissingOrHalfWrittenVersionIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(ModelDirectory.LATEST), "als-1\n");
    assertThatThrownBy(() -> ModelDirectory.loadLatest(null, dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model version als-1 not found")
        .satisfies(
            e -> assertThat(((ModelLoadException) e).path()).isEqualTo(dir.resolve("als-1")));

    Files.createDirectories(dir.resolve("als-1").resolve("als"));
    assertThatThrownBy(() -> ModelDirectory.loadLatest(null, dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("half-written");
    assertThatThrownBy(() -> ModelDirectory.switchLatest(dir, "als-1"))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("half-written");

    Files.writeString(dir.resolve(ModelDirectory.LATEST), "../etc\n");
    assertThatThrownBy(() -> ModelDirectory.latestVersion(dir))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("does not hold a model version");
  }

  @Test
  void switchLatestReplacesThePointerAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    for (String v : List.of("v1", "v2")) {
      Files.createDirectories(dir.resolve(v));
      Files.writeString(dir.resolve(v).resolve(ModelDirectory.COMPLETE), v + "\n");
    }
    ModelDirectory.switchLatest(dir, "v1");
    assertThat(ModelDirectory.latestVersion(dir)).isEqualTo("v1");
    ModelDirectory.switchLatest(dir, "v2");
    assertThat(ModelDirectory.latestVersion(dir)).isEqualTo("v2");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("LATEST", "v1", "v2");
    }
  }

  @Test
  void metadataRoundTripsThroughJson() {
    ModelMetadata m =
        new ModelMetadata(
            "als-20251029-101530-123",
            10,
            0.1,
            10,
            OptionalDouble.empty(),
            800,
            200,
            50,
            40,
            0.87,
            1_761_763_122_410L);
    assertThat(ModelMetadata.fromJson(m.toJson())).isEqualTo(m);
    assertThat(ModelDirectory.newVersion(1_761_733_330_123L)).isEqualTo("als-20251029-102210-123");
  }

  @Test
  void topKSkipsRatedMoviesRanksByScoreAndBreaksTiesByMovieId() {
    // rank 1: the score is the item factor times the user's
    ItemFactors items = new ItemFactors(new int[] {1, 2, 3, 4, 5}, new float[] {5, 4, 4, 3, 1}, 1);
    assertThat(items.topK(new float[] {1f}, new int[] {1}, 3))
        .containsExactly(
            new RecommendedItem(2, 4.0), new RecommendedItem(3, 4.0), new RecommendedItem(4, 3.0));
    assertThat(items.topK(new float[] {1f}, new int[] {1, 2, 3, 4, 5}, 3)).isEmpty();
    RecommenderModel model =
        new RecommenderModel(
            new ModelMetadata("v", 1, 0.1, 1, OptionalDouble.empty(), 1, 1, 1, 5, 1, 1),
            Map.of(7, new float[] {2f}),
            items,
            Map.of(7, new int[] {1}),
            List.of(new RecommendedItem(5, 4.5), new RecommendedItem(1, 4.0)));
    assertThat(model.predict(7, 1)).hasValue(5.0); // 10 clipped
    assertThat(model.predict(7, 5)).hasValue(2.0);
    assertThat(model.predict(8, 1)).isEmpty();
    assertThat(model.predict(7, 99)).isEmpty();
    assertThat(model.popularFor(new int[] {5}, 10)).containsExactly(new RecommendedItem(1, 4.0));
  }
}
