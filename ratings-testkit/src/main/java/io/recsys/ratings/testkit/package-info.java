/**
 * A real Kafka broker for tests (in-JVM KRaft via {@link io.recsys.ratings.testkit.EmbeddedKafka},
 * or Docker via {@link io.recsys.ratings.testkit.ContainerKafka}), a JUnit 5 extension ({@link
 * io.recsys.ratings.testkit.WithKafka}) and MovieLens-like test data.
 */
package io.recsys.ratings.testkit;
