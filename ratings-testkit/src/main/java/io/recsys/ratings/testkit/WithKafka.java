package io.recsys.ratings.testkit;

import io.recsys.ratings.testkit.internal.KafkaClusterExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one Kafka cluster for a test class, shares it between the class's tests (and its
 * {@code @Nested} classes), and closes it after the class, whatever happens. Test methods,
 * constructors, {@code @BeforeAll}/{@code @BeforeEach} and other lifecycle methods receive it as a
 * {@link KafkaCluster} (or {@link EmbeddedKafka} / {@link ContainerKafka}) parameter.
 *
 * <pre>{@code
 * @IntegrationTest
 * @WithKafka(brokers = 1, brokerConfig = "auto.create.topics.enable=false")
 * class MyBrokerTest {
 *   @Test
 *   void roundTrip(KafkaCluster kafka) { ... }
 * }
 * }</pre>
 *
 * <p>Which cluster: {@link #type()} if it is not {@link Type#DEFAULT}; otherwise the system
 * property {@value #TYPE_PROPERTY} ({@code embedded} or {@code container}); otherwise embedded.
 * Topics are shared too: use a distinct topic name per test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaClusterExtension.class)
public @interface WithKafka {
  /** System property that picks the cluster type when {@link #type()} is DEFAULT. */
  String TYPE_PROPERTY = "ratings.testkit.kafka";

  /**
   * The number of brokers.
   *
   * @return 1 to 3 (the container cluster supports 1 only)
   */
  int brokers() default 1;

  /**
   * Broker configs as {@code key=value} strings, e.g. {@code "auto.create.topics.enable=false"}.
   *
   * @return the configs (default none)
   */
  String[] brokerConfig() default {};

  /**
   * Which kind of cluster to start.
   *
   * @return the type (default: the system property, else embedded)
   */
  Type type() default Type.DEFAULT;

  /** The kind of cluster. */
  enum Type {
    /** The system property {@value WithKafka#TYPE_PROPERTY} decides; embedded if unset. */
    DEFAULT,
    /** {@link EmbeddedKafka}: in-JVM, no Docker needed. */
    EMBEDDED,
    /** {@link ContainerKafka}: Testcontainers, needs Docker; tests are skipped without it. */
    CONTAINER
  }
}
