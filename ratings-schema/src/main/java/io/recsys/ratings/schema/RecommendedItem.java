package io.recsys.ratings.schema;

import java.io.Serializable;

/**
 * One movie of a {@link RecommendationEvent}'s ranked list and the score it was ranked by.
 *
 * <p>The record holds any values; {@link RecommendationValidator} judges them (movie id within the
 * bounds, score finite, scores non-increasing along the list, each movie once).
 *
 * @param movieId the recommended movie's id (MovieLens ids start at 1 and are sparse)
 * @param score what the list is ranked by: the model's predicted rating for a personalized list, a
 *     popularity score for a fallback list; higher is better, any finite double
 * @serial exclude
 */
public record RecommendedItem(int movieId, double score) implements Serializable {

  private static final long serialVersionUID = 1L;
}
