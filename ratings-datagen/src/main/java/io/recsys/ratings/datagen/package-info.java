/**
 * MovieLens-shaped generated rating events ({@link io.recsys.ratings.datagen.RatingGenerator}):
 * popularity-skewed users and movies, realistic rating distribution, and a catalogue of bad
 * payloads (invalid and malformed values) for exercising the consumer's dead-letter path. Used by
 * the test kit, the CLI's {@code produce} and {@code demo}, and the benchmarks.
 */
package io.recsys.ratings.datagen;
