package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.client.internal.Checks;
import io.recsys.ratings.schema.MovieLensCsv;
import io.recsys.ratings.schema.RatingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a MovieLens {@code ratings.csv} (read with {@link MovieLensCsv}) through a {@link
 * RatingProducer}, as fast as possible or paced by the events' timestamps at a speed-up factor.
 *
 * <p>Pacing: the first event is sent at once; an event whose timestamp is {@code d} later than the
 * first one's is sent {@code d / speedUp} after the start. MovieLens files are sorted by user, not
 * by time, so events that are "late" go out at once: sort the file by timestamp for a faithful
 * replay. With {@link Builder#timestampsAtSendTime(boolean)} each event's timestamp is replaced by
 * the wall-clock time it is sent: old MovieLens timestamps fall behind a topic's retention, and a
 * broker refuses timestamps more than {@code log.message.timestamp.after.max.ms} (1 hour by default
 * in Kafka 4) in the future, which shifting a fast replay's event times would produce.
 *
 * <pre>{@code
 * ReplayResult r = MovieLensReplay.builder()
 *     .file(Path.of("ml-25m/ratings.csv"))
 *     .speedUp(3600)          // one hour of ratings per second
 *     .limit(1_000_000)
 *     .build()
 *     .replay(producer);
 * }</pre>
 */
public final class MovieLensReplay {
  private final Path file;
  private final double speedUp;
  private final long limit;
  private final boolean atSendTime;
  private final MovieLensCsv.BadLineListener badLineListener;

  /** How many bad lines a replay logs one by one (at WARN); all are counted. */
  static final int LOGGED_BAD_LINES = 10;

  private static final Logger LOG = LoggerFactory.getLogger(MovieLensReplay.class);

  private MovieLensReplay(Builder b) {
    this.file = b.file;
    this.speedUp = b.speedUp;
    this.limit = b.limit;
    this.atSendTime = b.atSendTime;
    this.badLineListener = b.badLineListener;
  }

  /**
   * A builder.
   *
   * @return a new builder (as fast as possible, no limit, timestamps kept)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What a replay did.
   *
   * @param badLines lines of the file that were not ratings (skipped, not sent)
   * @param sent the outcome of the events sent
   */
  public record ReplayResult(long badLines, BatchResult sent) {}

  /**
   * Reads the file and sends its events, waiting until every one has an outcome. A line that is not
   * a rating (see {@link MovieLensCsv}: wrong fields, not UTF-8, a NUL character, longer than
   * {@value MovieLensCsv#MAX_LINE_LENGTH} bytes) is skipped, counted in the result, logged at WARN
   * (the first {@value #LOGGED_BAD_LINES}) and given to the {@linkplain
   * Builder#onBadLine(MovieLensCsv.BadLineListener) listener}; it never stops the replay.
   *
   * @param producer the producer to send with (not closed)
   * @return the counts of bad lines and of acknowledged, rejected and failed events
   * @throws IOException if the file cannot be read
   */
  public ReplayResult replay(RatingProducer producer) throws IOException {
    AtomicLong bad = new AtomicLong();
    try (MovieLensCsv.LineReader reader = MovieLensCsv.open(file)) {
      Stream<RatingEvent> events =
          reader.events(
              line -> {
                long n = bad.incrementAndGet();
                if (n <= LOGGED_BAD_LINES) {
                  LOG.warn("Skipping {} of {}", line, file);
                } else if (n == LOGGED_BAD_LINES + 1) {
                  LOG.warn("More bad lines in {}: counted in the result, not logged", file);
                }
                badLineListener.onBadLine(line);
              });
      if (limit > 0) {
        events = events.limit(limit);
      }
      long startNanos = System.nanoTime();
      long[] first = {Long.MIN_VALUE};
      Stream<RatingEvent> paced =
          events.map(
              e -> {
                if (first[0] == Long.MIN_VALUE) {
                  first[0] = e.timestamp();
                }
                long offsetMs = e.timestamp() - first[0];
                if (speedUp > 0 && offsetMs > 0) {
                  long due =
                      startNanos + (long) (TimeUnit.MILLISECONDS.toNanos(offsetMs) / speedUp);
                  long wait;
                  while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                    if (Thread.currentThread().isInterrupted()) {
                      throw new RatingsClientException("Replay interrupted");
                    }
                  }
                }
                return atSendTime
                    ? new RatingEvent(
                        e.userId(), e.movieId(), e.rating(), System.currentTimeMillis())
                    : e;
              });
      BatchResult result = producer.sendAll(paced);
      return new ReplayResult(bad.get(), result);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Settings of a replay. */
  public static final class Builder {
    private Path file;
    private double speedUp;
    private long limit;
    private boolean atSendTime;
    private MovieLensCsv.BadLineListener badLineListener = line -> {};

    private Builder() {}

    /**
     * Receives each skipped line (with its line number and reason) on the replaying thread; the
     * default does nothing beyond the WARN log of the first ones.
     *
     * @param listener the listener, should return quickly
     * @return this builder
     */
    public Builder onBadLine(MovieLensCsv.BadLineListener listener) {
      this.badLineListener = Checks.notNull("onBadLine", listener);
      return this;
    }

    /**
     * The {@code ratings.csv} to replay (required).
     *
     * @param file the file
     * @return this builder
     */
    public Builder file(Path file) {
      this.file = Checks.notNull("file", file);
      return this;
    }

    /**
     * Paces the replay: event time passes {@code factor} times faster than wall time.
     *
     * @param factor greater than 0 and at most 1e12
     * @return this builder
     * @throws RatingsConfigException if out of range
     */
    public Builder speedUp(double factor) {
      if (!(factor > 0 && factor <= 1e12)) {
        throw new RatingsConfigException(
            "speedUp must be > 0 and <= 1e12 but was " + factor + " (use asFastAsPossible())");
      }
      this.speedUp = factor;
      return this;
    }

    /**
     * No pacing: send as fast as the producer takes events (the default).
     *
     * @return this builder
     */
    public Builder asFastAsPossible() {
      this.speedUp = 0;
      return this;
    }

    /**
     * Sends at most this many events; 0 for all (the default).
     *
     * @param limit zero or more
     * @return this builder
     * @throws RatingsConfigException if negative
     */
    public Builder limit(long limit) {
      this.limit = Checks.range("limit", limit, 0, Long.MAX_VALUE);
      return this;
    }

    /**
     * Replaces each event's timestamp with the wall-clock time it is sent (default false: the
     * file's timestamps are kept).
     *
     * @param atSendTime whether to re-timestamp
     * @return this builder
     */
    public Builder timestampsAtSendTime(boolean atSendTime) {
      this.atSendTime = atSendTime;
      return this;
    }

    /**
     * The replay.
     *
     * @return the replay
     * @throws RatingsConfigException if no file is set
     */
    public MovieLensReplay build() {
      if (file == null) {
        throw new RatingsConfigException("file is required");
      }
      return new MovieLensReplay(this);
    }
  }
}
