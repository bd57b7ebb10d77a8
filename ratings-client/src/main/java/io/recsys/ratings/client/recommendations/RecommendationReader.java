package io.recsys.ratings.client.recommendations;

import io.recsys.ratings.schema.RecommendationEvent;
import java.time.Duration;
import java.util.Optional;

/**
 * The latest recommendations per user, read from the compacted {@code recommendations} topic (key =
 * the userId) and kept up to date in memory, for a service that serves them.
 *
 * <p>{@link #start()} starts one background thread that assigns itself every partition of the
 * topic, reads each from its beginning and then follows it: no consumer group, nothing committed,
 * so any number of readers (one per service instance) each see the whole topic. Per record:
 *
 * <ul>
 *   <li>a valid event replaces the user's list;
 *   <li>a tombstone (null value) removes the user;
 *   <li>a malformed or invalid value, or one whose key is not its userId, is counted ({@link
 *       RecommendationReaderStats}), logged at WARN (rate-limited) and skipped: the user keeps the
 *       list read before. Bad data never stops the reader.
 * </ul>
 *
 * <p>{@link #awaitCaughtUp(Duration)} waits until the reader has read every partition up to its end
 * offset as seen at start, i.e. until it holds what the topic held when it started; from then on it
 * applies new records as they arrive. Partitions added to the topic later are found (every {@link
 * RecommendationReaderBuilder#partitionDiscoveryInterval(Duration) discovery interval}) and read
 * from their beginning. A topic that does not exist yet is waited for the same way.
 *
 * <p>Thread-safe: the lookups may be called from any thread at any time (before the reader has
 * caught up they return what has been read so far).
 *
 * <pre>{@code
 * try (RecommendationReader reader =
 *     RecommendationReader.builder().bootstrapServers("broker:9092").build()) {
 *   reader.start();
 *   reader.awaitCaughtUp(Duration.ofSeconds(30));
 *   reader.recommendationsFor(44176).ifPresent(event -> serve(event.items()));
 * }
 * }</pre>
 */
public interface RecommendationReader extends AutoCloseable {

  /**
   * A builder of a Kafka-backed reader.
   *
   * @return a new builder with the defaults
   */
  static RecommendationReaderBuilder builder() {
    return new RecommendationReaderBuilder();
  }

  /**
   * Starts the background thread. Returns at once; connecting and reading happen on that thread.
   *
   * @throws IllegalStateException if already started or closed
   */
  void start();

  /**
   * Waits until the reader has read every partition up to the end offset it saw when it first
   * assigned it at start.
   *
   * @param timeout the longest to wait
   * @return true once caught up; false if the timeout passed, the reader was closed, or the calling
   *     thread was interrupted (its interrupt flag is set again)
   * @throws IllegalStateException if the reader was not started
   * @throws NullPointerException if {@code timeout} is null
   */
  boolean awaitCaughtUp(Duration timeout);

  /**
   * Whether the reader has caught up (see {@link #awaitCaughtUp(Duration)}). Stays true once true.
   *
   * @return true once caught up
   */
  boolean isCaughtUp();

  /**
   * The latest valid list of a user.
   *
   * @param userId the user
   * @return the latest event for the user, empty if none was read or the user was removed
   */
  Optional<RecommendationEvent> recommendationsFor(int userId);

  /**
   * The number of users with a list.
   *
   * @return how many users the reader holds a list for
   */
  int size();

  /**
   * What the reader has read so far.
   *
   * @return a snapshot of the counters
   */
  RecommendationReaderStats stats();

  /**
   * Stops the thread and closes the Kafka consumer, waiting at most the close timeout (plus a few
   * seconds' grace for the consumer). The lists read so far stay readable. Idempotent.
   */
  @Override
  void close();
}
