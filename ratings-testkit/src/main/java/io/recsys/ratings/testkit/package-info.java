/**
 * A real Kafka broker for tests (in-JVM KRaft via {@link io.recsys.ratings.testkit.EmbeddedKafka},
 * or Docker via {@link io.recsys.ratings.testkit.ContainerKafka}), a JUnit 5 extension ({@link
 * io.recsys.ratings.testkit.WithKafka}); MovieLens-like test data comes from {@code
 * io.recsys.ratings.datagen.RatingGenerator} (ratings-datagen, a dependency of this module).
 */
package io.recsys.ratings.testkit;
