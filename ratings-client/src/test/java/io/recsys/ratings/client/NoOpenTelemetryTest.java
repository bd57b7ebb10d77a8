package io.recsys.ratings.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.schema.RatingEvent;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry API is an optional dependency: without it on the class path, clients built with
 * tracing asked for work, trace nothing, and no {@code NoClassDefFoundError} escapes. The scenario
 * runs in a class loader that holds only the SDK, Kafka's clients, slf4j and HdrHistogram (over the
 * platform class loader), so no {@code io.opentelemetry} class can be found.
 */
class NoOpenTelemetryTest {

  @Test
  void clientsWithTracingAskedForWorkWithoutTheApi() throws Exception {
    Set<URL> urls = new LinkedHashSet<>();
    for (Class<?> c :
        new Class<?>[] {
          Tracing.class, // the SDK's main classes
          NoOpenTelemetryScenario.class, // its test classes
          RatingEvent.class,
          KafkaConsumer.class,
          LoggerFactory.class,
          org.HdrHistogram.Histogram.class
        }) {
      urls.add(c.getProtectionDomain().getCodeSource().getLocation());
    }
    try (URLClassLoader isolated =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> Class.forName("io.opentelemetry.api.OpenTelemetry", false, isolated))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> scenario = Class.forName(NoOpenTelemetryScenario.class.getName(), true, isolated);
      assertThat(scenario.getClassLoader()).isSameAs(isolated);
      @SuppressWarnings("unchecked")
      Supplier<String> run = (Supplier<String>) scenario.getDeclaredConstructor().newInstance();
      Thread thread = Thread.currentThread();
      ClassLoader context = thread.getContextClassLoader();
      thread.setContextClassLoader(isolated); // Kafka loads configured classes through it
      try {
        assertThat(run.get()).isEqualTo("MAX_MESSAGES, handled 2");
      } finally {
        thread.setContextClassLoader(context);
      }
    }
    // and here, with the API on the class path, the same check finds it
    assertThat(Tracing.apiAvailable()).isTrue();
  }
}
