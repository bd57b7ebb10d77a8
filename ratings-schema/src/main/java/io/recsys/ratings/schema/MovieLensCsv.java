package io.recsys.ratings.schema;

import io.recsys.ratings.schema.internal.JsonRatingWriter;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads and writes MovieLens {@code ratings.csv}: a header line {@value #HEADER}, then one rating
 * per line, e.g. {@code 1,29,3.5,1112484676}, with the timestamp in epoch <b>seconds</b>. Events
 * carry epoch <b>milliseconds</b>: the reader multiplies by 1000, the writer divides (rounding
 * down, so the sub-second part of an event's timestamp is lost in CSV).
 *
 * <p>Reading streams line by line, so a 20-million-line file needs constant memory. A line that
 * cannot be read is not fatal: it comes back as a {@link Line.Bad} with its true line number and
 * the reason, and reading goes on. Bad lines are: lines that are not four fields of the right
 * types, lines that are not valid UTF-8, lines holding a NUL character, and lines longer than
 * {@value #MAX_LINE_LENGTH} bytes (characters, for a {@link Reader}), which are never held in
 * memory whole: the reader keeps their first bytes for the report and skips the rest. The reader
 * checks the syntax only (four fields, numbers that fit their types); use {@link RatingValidator}
 * to check ranges.
 *
 * <pre>{@code
 * try (MovieLensCsv.LineReader lines = MovieLensCsv.open(Path.of("ratings.csv"))) {
 *   lines.events(bad -> log.warn("skipping {}", bad)).forEach(producer::send);
 * }
 * }</pre>
 */
public final class MovieLensCsv {

  /** The header line of {@code ratings.csv}. */
  public static final String HEADER = "userId,movieId,rating,timestamp";

  /**
   * The longest line the reader reads, in bytes (in characters for a {@link Reader}) without its
   * line break: {@value}. A MovieLens line is about 30 bytes; a longer line is reported as a {@link
   * Line.Bad} and skipped without being held in memory.
   */
  public static final int MAX_LINE_LENGTH = 64 * 1024;

  /** The most characters of a bad line kept in {@link Line.Bad#text()}. */
  private static final int SHOWN_CHARS = 200;

  private static final long MILLIS_PER_SECOND = 1000;

  private MovieLensCsv() {}

  /** One line of a ratings file: either {@link Parsed} or {@link Bad}. */
  public sealed interface Line permits Line.Parsed, Line.Bad {

    /**
     * The 1-based number of the line in the file (the header is line 1).
     *
     * @return the line number
     */
    long lineNumber();

    /**
     * A line read as an event.
     *
     * @param lineNumber the 1-based line number
     * @param event the event, timestamp in milliseconds; not validated
     */
    record Parsed(long lineNumber, RatingEvent event) implements Line {

      /**
       * Checks the event is present.
       *
       * @param lineNumber the 1-based line number
       * @param event the event
       * @throws NullPointerException if {@code event} is null
       */
      public Parsed {
        Objects.requireNonNull(event, "event");
      }
    }

    /**
     * A line that could not be read.
     *
     * @param lineNumber the 1-based line number
     * @param text the line as found (cut after 200 characters; a NUL shown as {@code \0}, bytes
     *     that are not UTF-8 as U+FFFD)
     * @param reason what is wrong with it
     */
    record Bad(long lineNumber, String text, String reason) implements Line {

      /**
       * Checks the components are present.
       *
       * @param lineNumber the 1-based line number
       * @param text the line as found
       * @param reason what is wrong with it
       * @throws NullPointerException if {@code text} or {@code reason} is null
       */
      public Bad {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reason, "reason");
      }

      @Override
      public String toString() {
        return "line " + lineNumber + ": " + reason + " in '" + text + "'";
      }
    }
  }

  /** Receives the lines a {@link LineReader#events(BadLineListener)} stream skips. */
  @FunctionalInterface
  public interface BadLineListener {

    /**
     * Called on the thread consuming the stream, in file order, before the next event is returned;
     * should return quickly.
     *
     * @param line the bad line
     */
    void onBadLine(Line.Bad line);
  }

  /**
   * Opens a UTF-8 ratings file for reading. Each line is decoded on its own, so a line that is not
   * valid UTF-8 is a {@link Line.Bad} with its own line number.
   *
   * @param file the file
   * @return a reader; close it
   * @throws IOException if the file cannot be opened or is a directory
   */
  public static LineReader open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    if (Files.isDirectory(file)) {
      throw new IOException(file + " is a directory, not a ratings file");
    }
    return new LineReader(new ByteLines(Files.newInputStream(file)));
  }

  /**
   * Reads ratings lines from UTF-8 bytes, decoding each line on its own (see {@link #open(Path)}).
   *
   * @param in the bytes; closed by {@link LineReader#close()}
   * @return a reader
   */
  public static LineReader reader(InputStream in) {
    Objects.requireNonNull(in, "in");
    return new LineReader(new ByteLines(in));
  }

  /**
   * Reads ratings lines from a character stream. Lines longer than {@value #MAX_LINE_LENGTH}
   * characters and lines holding a NUL are bad lines; decoding is the reader's business (a decoder
   * that reports malformed input fails the read with an {@link UncheckedIOException}: prefer {@link
   * #reader(InputStream)} for bytes).
   *
   * @param in the characters; closed by {@link LineReader#close()}
   * @return a reader
   */
  public static LineReader reader(Reader in) {
    Objects.requireNonNull(in, "in");
    return new LineReader(new CharLines(in));
  }

  /**
   * Creates (or truncates) a UTF-8 ratings file and writes the header.
   *
   * @param file the file
   * @return a writer; close it
   * @throws IOException if the file cannot be written
   */
  public static LineWriter create(Path file) throws IOException {
    return new LineWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }

  /**
   * Writes ratings lines, starting with the header, to a character stream.
   *
   * @param out the characters; closed by {@link LineWriter#close()}
   * @return a writer
   * @throws IOException if writing the header fails
   */
  public static LineWriter writer(Writer out) throws IOException {
    Objects.requireNonNull(out, "out");
    return new LineWriter(out instanceof BufferedWriter b ? b : new BufferedWriter(out, 1 << 16));
  }

  /**
   * Reads one data line.
   *
   * @param text the line without its line break
   * @param lineNumber its 1-based line number, for the result
   * @return the event (timestamp converted to milliseconds) or the reason it cannot be read
   */
  public static Line parseLine(String text, long lineNumber) {
    int c1 = text.indexOf(',');
    int c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
    int c3 = c2 < 0 ? -1 : text.indexOf(',', c2 + 1);
    if (c3 < 0 || text.indexOf(',', c3 + 1) >= 0) {
      return bad(
          lineNumber,
          text,
          "expected 4 comma-separated fields " + HEADER + ", found " + fieldCount(text));
    }
    String userText = text.substring(0, c1).strip();
    String movieText = text.substring(c1 + 1, c2).strip();
    String ratingText = text.substring(c2 + 1, c3).strip();
    String secondsText = text.substring(c3 + 1).strip();
    int userId;
    int movieId;
    double rating;
    long seconds;
    try {
      userId = Integer.parseInt(userText);
    } catch (NumberFormatException e) {
      return bad(lineNumber, text, "userId '" + userText + "' is not an integer");
    }
    try {
      movieId = Integer.parseInt(movieText);
    } catch (NumberFormatException e) {
      return bad(lineNumber, text, "movieId '" + movieText + "' is not an integer");
    }
    if (!isDecimal(ratingText)) {
      return bad(lineNumber, text, "rating '" + ratingText + "' is not a decimal number");
    }
    rating = Double.parseDouble(ratingText);
    try {
      seconds = Long.parseLong(secondsText);
    } catch (NumberFormatException e) {
      return bad(lineNumber, text, "timestamp '" + secondsText + "' is not an integer (seconds)");
    }
    if (seconds > Long.MAX_VALUE / MILLIS_PER_SECOND
        || seconds < Long.MIN_VALUE / MILLIS_PER_SECOND) {
      return bad(
          lineNumber,
          text,
          "timestamp " + seconds + " seconds does not fit epoch milliseconds in a long");
    }
    return new Line.Parsed(
        lineNumber, new RatingEvent(userId, movieId, rating, seconds * MILLIS_PER_SECOND));
  }

  /**
   * Formats one data line (without line break): ids, the rating as in JSON ({@code 3.5}, {@code
   * 4.0}) and the timestamp in seconds, rounded down.
   *
   * @param event the event
   * @return the line
   * @throws IllegalArgumentException if the rating is NaN or infinite
   */
  public static String formatLine(RatingEvent event) {
    return event.userId()
        + ","
        + event.movieId()
        + ","
        + JsonRatingWriter.formatRating(event.rating())
        + ","
        + Math.floorDiv(event.timestamp(), MILLIS_PER_SECOND);
  }

  /** Digits, sign, point and exponent only: no NaN, Infinity, hex or type suffix. */
  private static boolean isDecimal(String s) {
    if (s.isEmpty()) {
      return false;
    }
    boolean digit = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return false;
      }
    }
    if (!digit) {
      return false;
    }
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int fieldCount(String text) {
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ',') {
        count++;
      }
    }
    return count;
  }

  private static Line.Bad bad(long lineNumber, String text, String reason) {
    String shown = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
    return new Line.Bad(lineNumber, shown.replace("\0", "\\0"), reason);
  }

  /**
   * One line as a source delivers it: its text, or why it cannot be read and what of it to show.
   */
  private record RawLine(String text, String problem, String shown) {
    static RawLine of(String text) {
      return new RawLine(text, null, null);
    }

    static RawLine bad(String problem, String shown) {
      return new RawLine(null, problem, shown);
    }
  }

  /** Where a {@link LineReader}'s lines come from. */
  private interface LineSource extends Closeable {
    /**
     * The next line without its line break ({@code \n}, {@code \r\n} or {@code \r}), or null at the
     * end.
     */
    RawLine next() throws IOException;
  }

  /**
   * Lines of UTF-8 bytes, each decoded on its own; at most {@link #MAX_LINE_LENGTH} bytes of a line
   * are kept, the rest of a longer line is read and dropped.
   */
  private static final class ByteLines implements LineSource {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean eof;
    private byte[] line = new byte[256];
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    ByteLines(InputStream in) {
      this.in = in;
    }

    /** The next byte, or -1 at the end. */
    private int read() throws IOException {
      if (position == limit) {
        if (eof) {
          return -1;
        }
        int n;
        do {
          n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
          eof = true;
          return -1;
        }
        position = 0;
        limit = n;
      }
      return buffer[position++] & 0xff;
    }

    @Override
    public RawLine next() throws IOException {
      int length = 0; // bytes kept in line
      long total = 0; // bytes of the line
      boolean ascii = true;
      int nulAt = -1;
      int b;
      while ((b = read()) >= 0 && b != '\n' && b != '\r') {
        if (b == 0 && nulAt < 0) {
          nulAt = (int) Math.min(Integer.MAX_VALUE, total);
        }
        if (total < MAX_LINE_LENGTH) {
          if (length == line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE_LENGTH, line.length * 2));
          }
          line[length++] = (byte) b;
          ascii &= b < 0x80;
        }
        total++;
      }
      if (b < 0 && total == 0) {
        return null;
      }
      if (b == '\r') {
        int after = read();
        if (after != '\n' && after >= 0) {
          position--; // a lone CR ends the line; the byte after it starts the next one
        }
      }
      if (total > MAX_LINE_LENGTH) {
        return RawLine.bad(
            "line longer than " + MAX_LINE_LENGTH + " bytes (" + total + " bytes), not read whole",
            lenient(length));
      }
      if (nulAt >= 0) {
        return RawLine.bad(
            "NUL character at byte " + (nulAt + 1) + " of the line", lenient(length));
      }
      if (ascii) {
        return RawLine.of(new String(line, 0, length, StandardCharsets.ISO_8859_1));
      }
      try {
        return RawLine.of(decoder.reset().decode(ByteBuffer.wrap(line, 0, length)).toString());
      } catch (CharacterCodingException e) {
        return RawLine.bad(
            "not valid UTF-8 (at byte " + (firstInvalid(length) + 1) + " of the line)",
            lenient(length));
      }
    }

    /** The 0-based offset of the first byte that does not decode, for the report. */
    private int firstInvalid(int length) {
      ByteBuffer in = ByteBuffer.wrap(line, 0, length);
      CharBuffer out = CharBuffer.allocate(length + 1);
      decoder.reset();
      CoderResult r = decoder.decode(in, out, true);
      return r.isError() ? in.position() : length;
    }

    private String lenient(int length) {
      int shown = Math.min(length, SHOWN_CHARS * 4);
      return new String(line, 0, shown, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * Lines of a character stream; at most {@link #MAX_LINE_LENGTH} characters of a line are kept,
   * the rest of a longer line is read and dropped.
   */
  private static final class CharLines implements LineSource {
    private final Reader in;
    private final char[] buffer = new char[1 << 14];
    private int position;
    private int limit;
    private boolean eof;
    private final StringBuilder line = new StringBuilder(128);

    CharLines(Reader in) {
      this.in = in;
    }

    private int read() throws IOException {
      if (position == limit) {
        if (eof) {
          return -1;
        }
        int n;
        do {
          n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
          eof = true;
          return -1;
        }
        position = 0;
        limit = n;
      }
      return buffer[position++];
    }

    @Override
    public RawLine next() throws IOException {
      line.setLength(0);
      long total = 0;
      boolean nul = false;
      int c;
      while ((c = read()) >= 0 && c != '\n' && c != '\r') {
        nul |= c == 0;
        if (total < MAX_LINE_LENGTH) {
          line.append((char) c);
        }
        total++;
      }
      if (c < 0 && total == 0) {
        return null;
      }
      if (c == '\r') {
        int after = read();
        if (after != '\n' && after >= 0) {
          position--;
        }
      }
      String shown = line.length() > SHOWN_CHARS ? line.substring(0, SHOWN_CHARS) : line.toString();
      if (total > MAX_LINE_LENGTH) {
        return RawLine.bad(
            "line longer than "
                + MAX_LINE_LENGTH
                + " characters ("
                + total
                + " characters), not read whole",
            shown);
      }
      if (nul) {
        return RawLine.bad(
            "NUL character at column " + (line.indexOf("\0") + 1) + " of the line", shown);
      }
      return RawLine.of(line.toString());
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * Streams the lines of a ratings file. Skips the header (if the first line is one; a file without
   * header is read from its first line) and blank lines. Not thread-safe. I/O errors surface as
   * {@link UncheckedIOException} from {@link #hasNext()}.
   */
  public static final class LineReader implements Iterator<Line>, Closeable {

    private final LineSource in;
    private long lineNumber;
    private long parsed;
    private long bad;
    private Line next;
    private boolean done;

    private LineReader(LineSource in) {
      this.in = in;
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (done) {
        return false;
      }
      try {
        RawLine raw;
        while ((raw = in.next()) != null) {
          lineNumber++;
          if (raw.problem() != null) {
            next = bad(lineNumber, stripBom(raw.shown()), raw.problem());
            bad++;
            return true;
          }
          String text = raw.text();
          if (lineNumber == 1) {
            text = stripBom(text);
            if (text.strip().equals(HEADER)) {
              continue;
            }
          }
          if (text.isBlank()) {
            continue;
          }
          next = parseLine(text, lineNumber);
          if (next instanceof Line.Parsed) {
            parsed++;
          } else {
            bad++;
          }
          return true;
        }
        done = true;
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException("reading ratings line " + (lineNumber + 1), e);
      }
    }

    @Override
    public Line next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more ratings lines after line " + lineNumber);
      }
      Line line = next;
      next = null;
      return line;
    }

    /**
     * The remaining lines as a sequential stream; closing the stream closes this reader.
     *
     * @return the lines, parsed and bad
     */
    public Stream<Line> stream() {
      return StreamSupport.stream(
              Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
              false)
          .onClose(this::closeUnchecked);
    }

    /**
     * The remaining events as a sequential stream; bad lines go to the listener instead. Closing
     * the stream closes this reader.
     *
     * @param onBadLine receives each bad line on the consuming thread
     * @return the events of the readable lines, in file order
     */
    public Stream<RatingEvent> events(BadLineListener onBadLine) {
      Objects.requireNonNull(onBadLine, "onBadLine");
      return stream()
          .<RatingEvent>mapMulti(
              (line, sink) -> {
                if (line instanceof Line.Parsed p) {
                  sink.accept(p.event());
                } else {
                  onBadLine.onBadLine((Line.Bad) line);
                }
              });
    }

    /**
     * Lines read so far as events.
     *
     * @return the count of parsed lines
     */
    public long parsedLines() {
      return parsed;
    }

    /**
     * Lines read so far that could not be read as events.
     *
     * @return the count of bad lines
     */
    public long badLines() {
      return bad;
    }

    /**
     * Closes the underlying reader.
     *
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
      done = true;
      next = null;
      in.close();
    }

    private void closeUnchecked() {
      try {
        close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String stripBom(String text) {
      return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }
  }

  /** Writes ratings lines after the header. Not thread-safe. */
  public static final class LineWriter implements Closeable, Flushable {

    private final BufferedWriter out;
    private long written;

    private LineWriter(BufferedWriter out) throws IOException {
      this.out = out;
      out.write(HEADER);
      out.write('\n');
    }

    /**
     * Writes one event as a line, see {@link #formatLine(RatingEvent)}.
     *
     * @param event the event
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the rating is NaN or infinite
     */
    public void write(RatingEvent event) throws IOException {
      out.write(formatLine(event));
      out.write('\n');
      written++;
    }

    /**
     * Events written so far.
     *
     * @return the count
     */
    public long eventsWritten() {
      return written;
    }

    /**
     * Flushes buffered lines.
     *
     * @throws IOException if writing fails
     */
    @Override
    public void flush() throws IOException {
      out.flush();
    }

    /**
     * Flushes and closes the underlying writer.
     *
     * @throws IOException if writing or closing fails
     */
    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
