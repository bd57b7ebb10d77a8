package io.recsys.ratings.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.schema.RatingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensReplayTest {

  @TempDir Path dir;

  private Path csv() throws Exception {
    Path file = dir.resolve("ratings.csv");
    Files.writeString(
        file,
        "userId,movieId,rating,timestamp\n"
            + "1,296,5.0,1147880044\n"
            + "1,306,3.5,1147868817\n"
            + "this is not a rating\n"
            + "2,1,7.0,1147868828\n"
            + "3,2,4.0,1147868900\n");
    return file;
  }

  @Test
  void replaysEveryReadableLineAsFastAsPossibleKeepingTimestamps() throws Exception {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(3)) {
      MovieLensReplay.ReplayResult result =
          MovieLensReplay.builder().file(csv()).asFastAsPossible().build().replay(producer);
      assertThat(result.badLines()).isEqualTo(1);
      assertThat(result.sent().submitted()).isEqualTo(4);
      assertThat(result.sent().acknowledged()).isEqualTo(3);
      assertThat(result.sent().rejected()).isEqualTo(1); // rating 7.0
      assertThat(producer.history())
          .containsExactly(
              new RatingEvent(1, 296, 5.0, 1_147_880_044_000L),
              new RatingEvent(1, 306, 3.5, 1_147_868_817_000L),
              new RatingEvent(3, 2, 4.0, 1_147_868_900_000L));
    }
  }

  @Test
  void limitAndSendTimeTimestamps() throws Exception {
    long before = System.currentTimeMillis();
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(1)) {
      MovieLensReplay.builder()
          .file(csv())
          .speedUp(1e9)
          .limit(2)
          .timestampsAtSendTime(true)
          .build()
          .replay(producer);
      assertThat(producer.history()).hasSize(2);
      assertThat(producer.history())
          .allSatisfy(e -> assertThat(e.timestamp()).isBetween(before, System.currentTimeMillis()));
    }
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> MovieLensReplay.builder().speedUp(0))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("speedUp must be > 0");
    assertThatThrownBy(() -> MovieLensReplay.builder().limit(-1)).hasMessageContaining("limit");
    assertThatThrownBy(() -> MovieLensReplay.builder().build()).hasMessageContaining("file");
  }
}
