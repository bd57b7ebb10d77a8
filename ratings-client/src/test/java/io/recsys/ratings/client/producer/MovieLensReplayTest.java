package io.recsys.ratings.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsConfigException;
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
  void badBytesInTheFileAreSkippedWithTheirLineNumbersAndTheReplayGoesOn() throws Exception {
    Path file = dir.resolve("broken.csv");
    byte[] head = "userId,movieId,rating,timestamp\n1,296,5.0,1147880044\n2,".getBytes();
    byte[] tail = ",4.0,1147868817\n3,1,3.0,11\0\n4,2,4.0,1147868900\n".getBytes();
    byte[] all = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xFF; // not UTF-8
    System.arraycopy(tail, 0, all, head.length + 1, tail.length);
    Files.write(file, all);
    java.util.List<io.recsys.ratings.schema.MovieLensCsv.Line.Bad> bad =
        new java.util.ArrayList<>();

    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(1)) {
      MovieLensReplay.ReplayResult result =
          MovieLensReplay.builder().file(file).onBadLine(bad::add).build().replay(producer);

      assertThat(result.badLines()).isEqualTo(2);
      assertThat(result.sent().acknowledged()).isEqualTo(2);
      assertThat(bad).extracting(b -> b.lineNumber()).containsExactly(3L, 4L);
      assertThat(bad.get(0).reason()).contains("not valid UTF-8");
      assertThat(bad.get(1).reason()).contains("NUL");
    }
  }

  @Test
  void aDirectoryIsAnIOExceptionBeforeAnythingIsSent() {
    try (InMemoryRatingProducer producer = InMemoryRatingProducer.create(1)) {
      assertThatThrownBy(() -> MovieLensReplay.builder().file(dir).build().replay(producer))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("is a directory");
      assertThat(producer.records()).isEmpty();
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
