package io.recsys.ratings.client.internal;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Carries the trace context through record headers. Its signatures name no OpenTelemetry type, so
 * the clients hold one without needing the OpenTelemetry API on the class path; the only
 * implementation that uses the API is created reflectively by {@link OpenTelemetrySupport}.
 */
public interface RecordTracer {

  /** A handler call. */
  @FunctionalInterface
  interface Call {
    /**
     * Runs the call.
     *
     * @throws Exception what the handler threw
     */
    void run() throws Exception;
  }

  /**
   * Writes the current trace context (e.g. {@code traceparent}, {@code tracestate}) into the
   * headers of a record about to be sent; writes nothing if there is no current span.
   *
   * @param headers the record's headers
   */
  void inject(Headers headers);

  /**
   * Runs a handler call inside a consumer span whose parent is the trace context in the record's
   * headers (a new trace if there is none); the span ends when the call returns or throws.
   *
   * @param record the record being handled
   * @param groupId the consumer group, or null
   * @param call the handler call
   * @throws Exception what the call threw (the span records it)
   */
  void handle(ConsumerRecord<?, ?> record, String groupId, Call call) throws Exception;
}
