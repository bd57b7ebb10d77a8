package io.recsys.ratings.client.internal;

/** The record headers of the W3C trace context, which dead letters and retries always keep. */
public final class TraceHeaders {
  /** The W3C {@code traceparent} header. */
  public static final String TRACEPARENT = "traceparent";

  /** The W3C {@code tracestate} header. */
  public static final String TRACESTATE = "tracestate";

  private TraceHeaders() {}

  /**
   * Whether a header carries the W3C trace context.
   *
   * @param key the header key
   * @return true for {@code traceparent} and {@code tracestate}
   */
  public static boolean isTraceHeader(String key) {
    return TRACEPARENT.equals(key) || TRACESTATE.equals(key);
  }
}
