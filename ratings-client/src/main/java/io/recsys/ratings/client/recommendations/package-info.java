/**
 * Reading recommendations: {@link io.recsys.ratings.client.recommendations.RecommendationReader},
 * built by {@link io.recsys.ratings.client.recommendations.RecommendationReaderBuilder}, keeps the
 * latest {@link io.recsys.ratings.schema.RecommendationEvent} per user from the compacted {@code
 * recommendations} topic in memory, for services that serve them.
 */
package io.recsys.ratings.client.recommendations;
