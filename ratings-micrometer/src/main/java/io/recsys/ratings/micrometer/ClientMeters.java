package io.recsys.ratings.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/** What the consumer and producer meters share: the registry, the options, closing. */
abstract class ClientMeters implements AutoCloseable {
  final MeterRegistry registry;
  final MeterOptions options;
  private final List<Meter> meters = new CopyOnWriteArrayList<>();
  private final List<KafkaClientMetrics> kafka = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  ClientMeters(MeterRegistry registry, MeterOptions options) {
    if (registry == null) {
      throw new NullPointerException("registry");
    }
    if (options == null) {
      throw new NullPointerException("options");
    }
    this.registry = registry;
    this.options = options;
  }

  Counter counter(String name, Tags tags) {
    return keep(
        Counter.builder(name)
            .tags(tags)
            .tag(MeterNames.CLIENT_ID, options.clientId())
            .register(registry));
  }

  Timer timer(String name, String description, Tags tags) {
    return keep(
        Timer.builder(name)
            .description(description)
            .tags(tags)
            .tag(MeterNames.CLIENT_ID, options.clientId())
            .publishPercentiles(options.percentiles())
            .publishPercentileHistogram(options.histogram())
            .register(registry));
  }

  <M extends Meter> M keep(M meter) {
    meters.add(meter);
    return meter;
  }

  void forget(Meter meter) {
    meters.remove(meter);
    registry.remove(meter);
  }

  boolean closed() {
    return closed;
  }

  /**
   * Binds Kafka's client metrics with Micrometer's {@link KafkaClientMetrics}. Its constructors
   * take a Kafka client and read only its {@code metrics()}; the client's metrics are given here by
   * a view of that one method.
   */
  void bindKafka(Class<?> clientType, Supplier<Map<MetricName, ? extends Metric>> metrics) {
    InvocationHandler h =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "metrics" ->
                  args == null || args.length == 0 ? metrics.get() : unsupported(method.getName());
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              case "toString" -> "Kafka client metrics view";
              default -> unsupported(method.getName());
            };
    Object view =
        Proxy.newProxyInstance(clientType.getClassLoader(), new Class<?>[] {clientType}, h);
    KafkaClientMetrics binder =
        clientType == Consumer.class
            ? new KafkaClientMetrics((Consumer<?, ?>) view)
            : new KafkaClientMetrics((Producer<?, ?>) view);
    binder.bindTo(registry);
    kafka.add(binder);
  }

  private static Object unsupported(String method) {
    throw new UnsupportedOperationException(
        method + "() is not available on this view of a Kafka client: only metrics() is");
  }

  /** Removes the meters this registered and stops binding Kafka's client metrics. */
  @Override
  public void close() {
    closed = true;
    for (KafkaClientMetrics k : kafka) {
      k.close();
    }
    kafka.clear();
    for (Meter m : meters) {
      registry.remove(m);
    }
    meters.clear();
  }
}
