package io.recsys.ratings.client.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the OpenTelemetry API is on the class path (checked once), and the factory of the {@link
 * RecordTracer} that uses it. No OpenTelemetry type appears in this class: it loads, and answers,
 * without the API.
 */
public final class OpenTelemetrySupport {
  private static final Logger LOG = LoggerFactory.getLogger(OpenTelemetrySupport.class);
  private static final String API_CLASS = "io.opentelemetry.api.OpenTelemetry";
  private static final String TRACER_CLASS =
      "io.recsys.ratings.client.internal.OpenTelemetryRecordTracer";
  private static final boolean AVAILABLE = detect();

  private OpenTelemetrySupport() {}

  private static boolean detect() {
    try {
      Class.forName(API_CLASS, false, OpenTelemetrySupport.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Whether the OpenTelemetry API is on the class path of the SDK.
   *
   * @return true if it is
   */
  public static boolean available() {
    return AVAILABLE;
  }

  /**
   * A tracer over an OpenTelemetry instance, or over {@code GlobalOpenTelemetry} if {@code
   * openTelemetry} is null.
   *
   * @param openTelemetry an {@code io.opentelemetry.api.OpenTelemetry}, or null for the global one
   * @return the tracer, or null if the API is not on the class path (then nothing is traced)
   */
  public static RecordTracer tracer(Object openTelemetry) {
    if (!AVAILABLE) {
      return null;
    }
    try {
      return (RecordTracer)
          Class.forName(TRACER_CLASS, true, OpenTelemetrySupport.class.getClassLoader())
              .getDeclaredConstructor(Object.class)
              .newInstance(openTelemetry);
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.warn("OpenTelemetry tracing is off: the API could not be used ({})", e.toString());
      return null;
    }
  }
}
