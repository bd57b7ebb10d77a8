package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensCsvTest {

  private static List<MovieLensCsv.Line> readAll(String csv) {
    try (MovieLensCsv.LineReader reader = MovieLensCsv.reader(new StringReader(csv))) {
      return reader.stream().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readsEventsWithTimestampsConvertedFromSecondsToMilliseconds() {
    List<MovieLensCsv.Line> lines =
        readAll("userId,movieId,rating,timestamp\n1,2,3.5,1112486027\n1,29,4.0,1112484676\n");
    assertThat(lines)
        .containsExactly(
            new MovieLensCsv.Line.Parsed(2, new RatingEvent(1, 2, 3.5, 1_112_486_027_000L)),
            new MovieLensCsv.Line.Parsed(3, new RatingEvent(1, 29, 4.0, 1_112_484_676_000L)));
  }

  @Test
  void reportsBadLinesWithLineNumbersAndKeepsReading() {
    String csv =
        String.join(
            "\n",
            "userId,movieId,rating,timestamp",
            "1,2,3.5,1112486027",
            "1,2,3.5",
            "x,2,3.5,1",
            "1,y,3.5,1",
            "1,2,NaN,1",
            "1,2,0x1p1,1",
            "1,2,3.5,soon",
            "1,2,3.5,1,extra",
            "1,2,3.5,9223372036854776",
            "",
            "7,8,5.0,1");
    List<MovieLensCsv.Line> lines = readAll(csv);
    assertThat(lines)
        .extracting(MovieLensCsv.Line::lineNumber)
        .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 12L);
    assertThat(lines.get(0)).isInstanceOf(MovieLensCsv.Line.Parsed.class);
    assertThat(lines.get(9))
        .isEqualTo(new MovieLensCsv.Line.Parsed(12, new RatingEvent(7, 8, 5.0, 1000)));
    List<String> reasons =
        lines.subList(1, 9).stream().map(line -> ((MovieLensCsv.Line.Bad) line).reason()).toList();
    assertThat(reasons.get(0)).contains("expected 4 comma-separated fields").contains("found 3");
    assertThat(reasons.get(1)).contains("userId 'x'");
    assertThat(reasons.get(2)).contains("movieId 'y'");
    assertThat(reasons.get(3)).contains("rating 'NaN'");
    assertThat(reasons.get(4)).contains("rating '0x1p1'");
    assertThat(reasons.get(5)).contains("timestamp 'soon'");
    assertThat(reasons.get(6)).contains("found 5");
    assertThat(reasons.get(7)).contains("does not fit epoch milliseconds");
    assertThat(lines.get(1).toString()).startsWith("line 3: ").contains("1,2,3.5");
  }

  @Test
  void readsAFileWithoutHeaderOrWithBomAndCrlf() {
    assertThat(readAll("5,6,1.0,10\r\n"))
        .containsExactly(new MovieLensCsv.Line.Parsed(1, new RatingEvent(5, 6, 1.0, 10_000)));
    assertThat(readAll("\uFEFFuserId,movieId,rating,timestamp\r\n5,6,1.0,10\r\n"))
        .containsExactly(new MovieLensCsv.Line.Parsed(2, new RatingEvent(5, 6, 1.0, 10_000)));
    assertThat(readAll("")).isEmpty();
    assertThat(readAll(MovieLensCsv.HEADER)).isEmpty();
  }

  @Test
  void keepsInvalidButReadableValuesForTheValidator() {
    List<MovieLensCsv.Line> lines = readAll("0,-3,7.25,-1\n");
    RatingEvent event = ((MovieLensCsv.Line.Parsed) lines.get(0)).event();
    assertThat(event).isEqualTo(new RatingEvent(0, -3, 7.25, -1000));
    assertThat(RatingValidator.defaults().validate(event).violations()).hasSize(5);
  }

  @Test
  void streamsEventsAndHandsBadLinesToTheListener() throws IOException {
    List<MovieLensCsv.Line.Bad> bad = new ArrayList<>();
    try (MovieLensCsv.LineReader reader =
        MovieLensCsv.reader(
            new StringReader("userId,movieId,rating,timestamp\n1,2,3,4\noops\n3,4,5,6\n"))) {
      List<RatingEvent> events = reader.events(bad::add).toList();
      assertThat(events)
          .containsExactly(new RatingEvent(1, 2, 3, 4000), new RatingEvent(3, 4, 5, 6000));
      assertThat(reader.parsedLines()).isEqualTo(2);
      assertThat(reader.badLines()).isEqualTo(1);
    }
    assertThat(bad).extracting(MovieLensCsv.Line.Bad::lineNumber).containsExactly(3L);
    assertThat(bad.get(0).text()).isEqualTo("oops");
  }

  @Test
  void iteratesAndStopsAtTheEnd() throws IOException {
    try (MovieLensCsv.LineReader reader = MovieLensCsv.reader(new StringReader("1,2,3,4\n"))) {
      assertThat(reader.hasNext()).isTrue();
      assertThat(reader.next().lineNumber()).isEqualTo(1);
      assertThat(reader.hasNext()).isFalse();
      assertThatThrownBy(reader::next)
          .isInstanceOf(NoSuchElementException.class)
          .hasMessageContaining("line 1");
    }
  }

  @Test
  void writesTheHeaderAndSecondsRoundedDown() throws IOException {
    StringWriter out = new StringWriter();
    try (MovieLensCsv.LineWriter writer = MovieLensCsv.writer(out)) {
      writer.write(new RatingEvent(1, 2, 3.5, 1_112_486_027_999L));
      writer.write(new RatingEvent(1, 29, 4, 1_112_484_676_000L));
      writer.write(new RatingEvent(1, 29, 4, -1));
      assertThat(writer.eventsWritten()).isEqualTo(3);
    }
    assertThat(out.toString())
        .isEqualTo(
            "userId,movieId,rating,timestamp\n1,2,3.5,1112486027\n1,29,4.0,1112484676\n"
                + "1,29,4.0,-1\n");
    assertThatThrownBy(() -> MovieLensCsv.formatLine(new RatingEvent(1, 1, Double.NaN, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void roundTripsAFileOfWholeSecondEvents(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ratings.csv");
    List<RatingEvent> events = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      events.add(new RatingEvent(i, 131_262 - i, (i % 10 + 1) / 2.0, 789_652_009_000L + i * 1000L));
    }
    try (MovieLensCsv.LineWriter writer = MovieLensCsv.create(file)) {
      for (RatingEvent event : events) {
        writer.write(event);
      }
    }
    assertThat(Files.readAllLines(file).get(0)).isEqualTo(MovieLensCsv.HEADER);
    try (MovieLensCsv.LineReader reader = MovieLensCsv.open(file)) {
      assertThat(
              reader
                  .events(
                      bad -> {
                        throw new AssertionError(bad.toString());
                      })
                  .toList())
          .isEqualTo(events);
    }
  }

  @Test
  void cutsVeryLongBadLinesInReports() {
    MovieLensCsv.Line line = MovieLensCsv.parseLine("x".repeat(10_000), 7);
    assertThat(((MovieLensCsv.Line.Bad) line).text()).hasSize(203).endsWith("...");
  }
}
