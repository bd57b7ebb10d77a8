package io.recsys.ratings.spark;

import io.recsys.ratings.schema.MetricsEvent;

/**
 * What one {@link RatingsAlsJob} run measured.
 *
 * @param ratings valid ratings read (train plus test)
 * @param rejected invalid and malformed records read (not used)
 * @param trainRatings ratings in the training split
 * @param testRatings ratings in the held-out split
 * @param rmse root mean squared error of the predictions on the held-out split (ratings of users or
 *     movies unseen in training dropped: coldStartStrategy=drop)
 * @param users users with recommendations
 * @param catalogueItems distinct movies among all valid ratings
 * @param recommendedItems distinct movies among all users' top-N lists
 * @param startMillis when the run started, epoch ms
 * @param endMillis when the run ended, epoch ms
 */
public record AlsResult(
    long ratings,
    long rejected,
    long trainRatings,
    long testRatings,
    double rmse,
    long users,
    long catalogueItems,
    long recommendedItems,
    long startMillis,
    long endMillis) {

  /**
   * Catalogue coverage of the top-N lists: recommended distinct movies over catalogue movies.
   *
   * @return 0..1 (0 for an empty catalogue)
   */
  public double coverage() {
    return catalogueItems == 0 ? 0.0 : (double) recommendedItems / catalogueItems;
  }

  /**
   * The result as a metrics event: the run's start and end as the window, the valid ratings as the
   * count, ratings per second of the whole run as throughput, RMSE and coverage set; the latency
   * fields are 0 (a batch job has no per-record latency).
   *
   * @param source the source name, e.g. {@code spark-als}
   * @return the event
   */
  public MetricsEvent toMetricsEvent(String source) {
    double seconds = Math.max(1, endMillis - startMillis) / 1000.0;
    return MetricsEvent.of(startMillis, endMillis, source, ratings, ratings / seconds, 0, 0, 0)
        .withQuality(rmse, coverage());
  }
}
