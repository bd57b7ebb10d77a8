package io.recsys.ratings.client.reliability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Tees {@code System.err} and {@code System.out} into a buffer while open. The tests' logging
 * backend, slf4j-simple, writes every logger (SDK, Kafka clients and the in-JVM broker) to {@code
 * System.err} as it is at the time of each log call, so this sees every log line of the JVM.
 */
final class LogCapture implements AutoCloseable {
  private final PrintStream oldErr = System.err;
  private final PrintStream oldOut = System.out;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  LogCapture() {
    System.setErr(tee(oldErr));
    System.setOut(tee(oldOut));
  }

  private PrintStream tee(PrintStream original) {
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            original.write(b);
            synchronized (buffer) {
              buffer.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            synchronized (buffer) {
              buffer.write(b, off, len);
            }
          }
        };
    return new PrintStream(both, true, StandardCharsets.UTF_8);
  }

  String text() {
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.err.flush();
    System.out.flush();
    System.setErr(oldErr);
    System.setOut(oldOut);
  }
}
