package io.recsys.ratings.testkit.internal;

import io.recsys.ratings.testkit.ContainerKafka;
import io.recsys.ratings.testkit.EmbeddedKafka;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithKafka}: one cluster per annotated test class, kept in
 * that class's {@link ExtensionContext.Store} so JUnit closes it when the class is done.
 */
public final class KafkaClusterExtension
    implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaClusterExtension.class);
  private static final String KEY = "cluster";

  /** Creates the extension (JUnit does). */
  public KafkaClusterExtension() {}

  /** Disables (skips, with the reason) a container-backed class when Docker is unavailable. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<WithKafka> config =
        context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, WithKafka.class));
    if (config.isEmpty() || context.getTestMethod().isPresent()) {
      return ConditionEvaluationResult.enabled("no container cluster to check");
    }
    if (resolveType(config.get()) == WithKafka.Type.CONTAINER
        && !ContainerKafka.isDockerAvailable()) {
      return ConditionEvaluationResult.disabled(ContainerKafka.unavailableReason());
    }
    return ConditionEvaluationResult.enabled("Kafka cluster can be started");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KafkaCluster.class
        || type == EmbeddedKafka.class
        || type == ContainerKafka.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    KafkaCluster cluster = cluster(context);
    Class<?> type = parameter.getParameter().getType();
    if (!type.isInstance(cluster)) {
      throw new ParameterResolutionException(
          "@WithKafka started a "
              + cluster.getClass().getSimpleName()
              + " but the parameter wants a "
              + type.getSimpleName()
              + "; declare it as KafkaCluster");
    }
    return cluster;
  }

  private static KafkaCluster cluster(ExtensionContext context) {
    ExtensionContext owner = owner(context);
    WithKafka config =
        owner
            .getTestClass()
            .flatMap(c -> AnnotationSupport.findAnnotation(c, WithKafka.class))
            .orElseThrow(() -> new ParameterResolutionException("no @WithKafka on the test class"));
    Resource resource =
        owner
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(KEY, k -> new Resource(start(config)), Resource.class);
    return resource.cluster;
  }

  /** The context of the outermost class carrying @WithKafka (so @Nested classes share it). */
  private static ExtensionContext owner(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    ExtensionContext found = annotated(c) ? c : null;
    Optional<ExtensionContext> parent = c.getParent();
    while (parent.isPresent() && parent.get().getTestClass().isPresent()) {
      if (annotated(parent.get())) {
        found = parent.get();
      }
      parent = parent.get().getParent();
    }
    return found != null ? found : c;
  }

  private static boolean annotated(ExtensionContext c) {
    return c.getTestClass()
        .map(k -> AnnotationSupport.isAnnotated(k, WithKafka.class))
        .orElse(false);
  }

  /**
   * The cluster type for an annotation: its {@code type} unless DEFAULT, else the system property
   * {@value WithKafka#TYPE_PROPERTY}, else EMBEDDED.
   *
   * @param config the annotation
   * @return EMBEDDED or CONTAINER
   * @throws IllegalArgumentException if the system property has another value
   */
  public static WithKafka.Type resolveType(WithKafka config) {
    WithKafka.Type type = config.type();
    if (type == WithKafka.Type.DEFAULT) {
      String property = System.getProperty(WithKafka.TYPE_PROPERTY, "embedded").trim();
      type =
          switch (property.toLowerCase(Locale.ROOT)) {
            case "", "embedded" -> WithKafka.Type.EMBEDDED;
            case "container" -> WithKafka.Type.CONTAINER;
            default ->
                throw new IllegalArgumentException(
                    "system property "
                        + WithKafka.TYPE_PROPERTY
                        + " must be 'embedded' or 'container', got '"
                        + property
                        + "'");
          };
    }
    return type;
  }

  private static KafkaCluster start(WithKafka config) {
    if (resolveType(config) == WithKafka.Type.CONTAINER) {
      ContainerKafka.assumeDockerAvailable();
      ContainerKafka.Builder b = ContainerKafka.builder().brokers(config.brokers());
      for (String kv : config.brokerConfig()) {
        String[] parts = split(kv);
        b.brokerConfig(parts[0], parts[1]);
      }
      return b.start();
    }
    EmbeddedKafka.Builder b = EmbeddedKafka.builder().brokers(config.brokers());
    for (String kv : config.brokerConfig()) {
      String[] parts = split(kv);
      b.brokerConfig(parts[0], parts[1]);
    }
    return b.start();
  }

  private static String[] split(String kv) {
    int eq = kv.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "@WithKafka brokerConfig entries must look like key=value, got '" + kv + "'");
    }
    return new String[] {kv.substring(0, eq).trim(), kv.substring(eq + 1).trim()};
  }

  /**
   * Holds the cluster in the store; JUnit closes it when the class context ends (as an {@link
   * AutoCloseable} on JUnit 5.13+, as a CloseableResource before).
   */
  @SuppressWarnings("deprecation")
  static final class Resource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final KafkaCluster cluster;

    Resource(KafkaCluster cluster) {
      this.cluster = cluster;
    }

    @Override
    public void close() {
      cluster.close();
    }
  }
}
