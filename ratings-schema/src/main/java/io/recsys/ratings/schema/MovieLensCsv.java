package io.recsys.ratings.schema;

import io.recsys.ratings.schema.internal.JsonRatingWriter;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * cannot be read is not fatal: it comes back as a {@link Line.Bad} with its line number and the
 * reason, and reading goes on. The reader checks the syntax only (four fields, numbers that fit
 * their types); use {@link RatingValidator} to check ranges.
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
     * @param text the line as found (cut after 200 characters)
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
   * Opens a UTF-8 ratings file for reading.
   *
   * @param file the file
   * @return a reader; close it
   * @throws IOException if the file cannot be opened
   */
  public static LineReader open(Path file) throws IOException {
    return new LineReader(Files.newBufferedReader(file, StandardCharsets.UTF_8));
  }

  /**
   * Reads ratings lines from a character stream.
   *
   * @param in the characters; closed by {@link LineReader#close()}
   * @return a reader
   */
  public static LineReader reader(Reader in) {
    Objects.requireNonNull(in, "in");
    return new LineReader(in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16));
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
    String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return new Line.Bad(lineNumber, shown, reason);
  }

  /**
   * Streams the lines of a ratings file. Skips the header (if the first line is one; a file without
   * header is read from its first line) and blank lines. Not thread-safe. I/O errors surface as
   * {@link UncheckedIOException} from {@link #hasNext()}.
   */
  public static final class LineReader implements Iterator<Line>, Closeable {

    private final BufferedReader in;
    private long lineNumber;
    private long parsed;
    private long bad;
    private Line next;
    private boolean done;

    private LineReader(BufferedReader in) {
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
        String text;
        while ((text = in.readLine()) != null) {
          lineNumber++;
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
