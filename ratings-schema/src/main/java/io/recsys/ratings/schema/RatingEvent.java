package io.recsys.ratings.schema;

import java.io.Serializable;

/**
 * One movie rating: who rated which movie, how, and when.
 *
 * <p>The record holds any values, including ones that break the rules (negative ids, a NaN rating);
 * {@link RatingValidator} judges them. It is {@link Serializable} so Spark can ship it between
 * executors.
 *
 * @param userId the rating user's id (MovieLens ids start at 1)
 * @param movieId the rated movie's id (MovieLens ids start at 1 and are sparse)
 * @param rating the rating, valid values are 0.5 to 5.0 in steps of 0.5
 * @param timestamp when the rating was given, in epoch milliseconds
 * @serial exclude
 */
public record RatingEvent(int userId, int movieId, double rating, long timestamp)
    implements Serializable {

  private static final long serialVersionUID = 1L;
}
