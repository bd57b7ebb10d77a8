package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines that are not text a CSV reader can hold: invalid UTF-8, NUL characters, and lines far
 * longer than any rating (up to 150 MB, generated on the fly). Each is one bad line with its true
 * line number; reading goes on, and memory stays bounded.
 */
class MovieLensCsvBadInputTest {

  private static List<MovieLensCsv.Line> readBytes(byte[] csv) throws IOException {
    try (MovieLensCsv.LineReader reader = MovieLensCsv.reader(new ByteArrayInputStream(csv))) {
      return reader.stream().toList();
    }
  }

  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      byte[] b =
          part instanceof byte[] raw ? raw : ((String) part).getBytes(StandardCharsets.UTF_8);
      out.write(b, 0, b.length);
    }
    return out.toByteArray();
  }

  @Test
  void invalidUtf8IsABadLineWithItsTrueLineNumberFarIntoTheFile() throws IOException {
    StringBuilder good = new StringBuilder(MovieLensCsv.HEADER).append('\n');
    for (int i = 1; i <= 20_000; i++) {
      good.append(i).append(",1,4.0,").append(1_000_000 + i).append('\n');
    }
    byte[] csv =
        bytes(
            good.toString(),
            "5,6,",
            new byte[] {(byte) 0xC3, (byte) 0x28}, // a lead byte without its continuation
            ",7\n",
            "caf\u00e9,1,2.0,3\n", // valid UTF-8, not a number
            "9,9,5.0,9\n");

    List<MovieLensCsv.Line> lines = readBytes(csv);

    assertThat(lines).hasSize(20_003);
    MovieLensCsv.Line.Bad invalid = (MovieLensCsv.Line.Bad) lines.get(20_000);
    assertThat(invalid.lineNumber()).isEqualTo(20_002);
    assertThat(invalid.reason()).isEqualTo("not valid UTF-8 (at byte 5 of the line)");
    assertThat(invalid.text()).startsWith("5,6,\uFFFD");
    MovieLensCsv.Line.Bad word = (MovieLensCsv.Line.Bad) lines.get(20_001);
    assertThat(word.lineNumber()).isEqualTo(20_003);
    assertThat(word.reason()).contains("userId 'caf\u00e9'");
    assertThat(lines.get(20_002))
        .isEqualTo(new MovieLensCsv.Line.Parsed(20_004, new RatingEvent(9, 9, 5.0, 9000)));
  }

  @Test
  void nulCharacterIsABadLine() throws IOException {
    List<MovieLensCsv.Line> lines = readBytes(bytes("1,2,3.5,1\0\n", "3,4,1.0,2\n"));

    assertThat(lines.get(0)).isInstanceOf(MovieLensCsv.Line.Bad.class);
    MovieLensCsv.Line.Bad bad = (MovieLensCsv.Line.Bad) lines.get(0);
    assertThat(bad.lineNumber()).isEqualTo(1);
    assertThat(bad.reason()).isEqualTo("NUL character at byte 10 of the line");
    assertThat(bad.text()).isEqualTo("1,2,3.5,1\\0").doesNotContain("\0");
    assertThat(lines.get(1))
        .isEqualTo(new MovieLensCsv.Line.Parsed(2, new RatingEvent(3, 4, 1.0, 2000)));
    List<MovieLensCsv.Line> fromChars =
        MovieLensCsv.reader(new StringReader("1,\0,3,4\n5,6,1.0,7\n")).stream().toList();
    assertThat(((MovieLensCsv.Line.Bad) fromChars.get(0)).reason())
        .isEqualTo("NUL character at column 3 of the line");
    assertThat(fromChars.get(1).lineNumber()).isEqualTo(2);
  }

  /**
   * A single 150 MB line between two good ones, produced by a stream that never holds it: the
   * reader reports it and reads on, allocating a few MB at most (holding the line as a String would
   * allocate hundreds of MB).
   */
  @Test
  void aLineOf150MegabytesIsSkippedWithoutLoadingIt() throws IOException {
    long hugeLength = 150L * 1024 * 1024;
    InputStream in =
        new GeneratedStream(
            bytes(MovieLensCsv.HEADER + "\n1,2,3.5,10\n"),
            (byte) '7',
            hugeLength,
            bytes("\n5,6,1.0,20\n"));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long allocatedBefore = threads.getThreadAllocatedBytes(thread);

    List<MovieLensCsv.Line> lines;
    try (MovieLensCsv.LineReader reader = MovieLensCsv.reader(in)) {
      lines = reader.stream().toList();
    }

    long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .isEqualTo(new MovieLensCsv.Line.Parsed(2, new RatingEvent(1, 2, 3.5, 10_000)));
    MovieLensCsv.Line.Bad huge = (MovieLensCsv.Line.Bad) lines.get(1);
    assertThat(huge.lineNumber()).isEqualTo(3);
    assertThat(huge.reason())
        .isEqualTo("line longer than 65536 bytes (" + hugeLength + " bytes), not read whole");
    assertThat(huge.text()).hasSize(203).startsWith("777");
    assertThat(lines.get(2))
        .isEqualTo(new MovieLensCsv.Line.Parsed(4, new RatingEvent(5, 6, 1.0, 20_000)));
    assertThat(allocated).as("bytes allocated while reading 150 MB").isLessThan(16L << 20);
  }

  @Test
  void anOverlongLineFromACharacterStreamIsSkippedToo() throws IOException {
    Reader in =
        new Reader() {
          private final String head = "1,2,3.5,10\n";
          private final String tail = "\n5,6,1.0,20\n";
          private final long body = 1_000_000;
          private long pos;

          @Override
          public int read(char[] cbuf, int off, int len) {
            long total = head.length() + body + tail.length();
            if (pos >= total) {
              return -1;
            }
            int n = 0;
            while (n < len && pos < total) {
              long p = pos++;
              cbuf[off + n++] =
                  p < head.length()
                      ? head.charAt((int) p)
                      : p < head.length() + body
                          ? 'x'
                          : tail.charAt((int) (p - head.length() - body));
            }
            return n;
          }

          @Override
          public void close() {}
        };

    List<MovieLensCsv.Line> lines = MovieLensCsv.reader(in).stream().toList();

    assertThat(lines).extracting(MovieLensCsv.Line::lineNumber).containsExactly(1L, 2L, 3L);
    assertThat(((MovieLensCsv.Line.Bad) lines.get(1)).reason())
        .isEqualTo("line longer than 65536 characters (1000000 characters), not read whole");
    assertThat(lines.get(2)).isInstanceOf(MovieLensCsv.Line.Parsed.class);
  }

  @Test
  void aLineOfExactlyTheBoundIsReadAndOneByteMoreIsNot() throws IOException {
    String padded = "1,2,3.5," + "0".repeat(MovieLensCsv.MAX_LINE_LENGTH - 9) + "7";
    assertThat(padded).hasSize(MovieLensCsv.MAX_LINE_LENGTH);

    List<MovieLensCsv.Line> lines = readBytes(bytes(padded + "\n" + padded + "0\n"));

    assertThat(lines.get(0))
        .isEqualTo(new MovieLensCsv.Line.Parsed(1, new RatingEvent(1, 2, 3.5, 7000)));
    assertThat(((MovieLensCsv.Line.Bad) lines.get(1)).reason()).contains("65537 bytes");
  }

  @Test
  void everyKindOfLineBreakCountsAsOneLine() throws IOException {
    List<MovieLensCsv.Line> lines =
        readBytes(bytes("1,1,1.0,1\r2,2,2.0,2\r\n3,3,3.0,3\n\n4,4,4.0,4"));

    assertThat(lines).extracting(MovieLensCsv.Line::lineNumber).containsExactly(1L, 2L, 3L, 5L);
    assertThat(lines).allMatch(l -> l instanceof MovieLensCsv.Line.Parsed);
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsSkipped() throws IOException {
    List<MovieLensCsv.Line> lines =
        readBytes(
            bytes(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                MovieLensCsv.HEADER + "\r\n5,6,1.0,10\r\n"));

    assertThat(lines)
        .containsExactly(new MovieLensCsv.Line.Parsed(2, new RatingEvent(5, 6, 1.0, 10_000)));
  }

  @Test
  void openingADirectoryFailsWithAClearMessage(@TempDir Path dir) {
    assertThatThrownBy(() -> MovieLensCsv.open(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is a directory");
  }

  /** A prefix, then {@code count} copies of one byte, then a suffix; nothing held in memory. */
  private static final class GeneratedStream extends InputStream {
    private final byte[] prefix;
    private final byte fill;
    private final long count;
    private final byte[] suffix;
    private long position;

    GeneratedStream(byte[] prefix, byte fill, long count, byte[] suffix) {
      this.prefix = prefix;
      this.fill = fill;
      this.count = count;
      this.suffix = suffix;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      long total = prefix.length + count + suffix.length;
      if (position >= total) {
        return -1;
      }
      if (position < prefix.length) {
        int n = (int) Math.min(len, prefix.length - position);
        System.arraycopy(prefix, (int) position, b, off, n);
        position += n;
        return n;
      }
      if (position < prefix.length + count) {
        int n = (int) Math.min(len, prefix.length + count - position);
        Arrays.fill(b, off, off + n, fill);
        position += n;
        return n;
      }
      int at = (int) (position - prefix.length - count);
      int n = Math.min(len, suffix.length - at);
      System.arraycopy(suffix, at, b, off, n);
      position += n;
      return n;
    }
  }
}
