package io.recsys.ratings.benchmarks.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A companion to {@link CodecBenchmark} for shared machines: runs codec and Jackson interleaved in
 * one thread and divides the thread's <em>CPU</em> time (not wall time) by the operations, so time
 * spent descheduled by other processes does not count. Not a replacement for JMH (no blackholes, no
 * forks), but stable where JMH's wall-clock figures swing with the machine's load.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.recsys.ratings.benchmarks.codec.CodecCpuTime
 * </pre>
 */
public final class CodecCpuTime {

  private static final int EVENTS = 1024;
  private static final int OPERATIONS = 2_000_000;
  private static final int ROUNDS = 8;

  /** Keeps results alive so the JIT cannot drop the work. */
  @SuppressWarnings("unused")
  private static volatile Object sink;

  private CodecCpuTime() {}

  /** Codec ns/op (t0..t1), Jackson ns/op (t1..t2) and their ratio. */
  private static String row(long t0, long t1, long t2) {
    double codec = (t1 - t0) / (double) OPERATIONS;
    double jackson = (t2 - t1) / (double) OPERATIONS;
    return String.format(Locale.ROOT, "%6.1f %7.1f %5.1fx", codec, jackson, jackson / codec);
  }

  /**
   * Runs {@value #ROUNDS} rounds of {@value #OPERATIONS} operations per contender and prints CPU
   * ns/op per round; the first rounds are warm-up.
   *
   * @param args ignored
   * @throws IOException never in practice; Jackson's signature
   */
  public static void main(String[] args) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    RatingCodec codec = RatingCodec.defaults();
    RatingValidator validator = RatingValidator.defaults();
    ObjectMapper mapper = new ObjectMapper();
    SplittableRandom random = new SplittableRandom(42);
    RatingEvent[] events = new RatingEvent[EVENTS];
    byte[][] payloads = new byte[EVENTS][];
    byte[][] spaced = new byte[EVENTS][];
    byte[][] recent = new byte[EVENTS][]; // the same events, timestamps of the last 30 days
    for (int i = 0; i < EVENTS; i++) {
      events[i] =
          new RatingEvent(
              1 + random.nextInt(138_493),
              1 + random.nextInt(131_262),
              (1 + random.nextInt(10)) / 2.0,
              random.nextLong(789_652_009_000L, 1_761_763_121_809L));
      payloads[i] = codec.encode(events[i]);
      recent[i] =
          codec.encode(
              new RatingEvent(
                  events[i].userId(),
                  events[i].movieId(),
                  events[i].rating(),
                  1_761_763_121_809L - random.nextLong(2_592_000_000L)));
      spaced[i] =
          ("{ \"timestamp\": "
                  + events[i].timestamp()
                  + ", \"userId\": "
                  + events[i].userId()
                  + ", \"movieId\": "
                  + events[i].movieId()
                  + ", \"rating\": "
                  + events[i].rating()
                  + " }")
              .getBytes(StandardCharsets.UTF_8);
    }
    System.out.println(
        "CPU ns/op. decode: decode+validate of the codec's own (canonical) JSON; spaced: the same"
            + " events with spaces and another field order (the codec's general reader); recent:"
            + " decode+validate of the same events with timestamps of the last 30 days (13 digits,"
            + " as in a live stream; the others span 1995-2025)");
    System.out.println(
        "round | decode: codec jackson ratio | spaced: codec jackson ratio | encode: codec jackson"
            + " ratio | recent: codec");
    for (int round = 1; round <= ROUNDS; round++) {
      long t0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < OPERATIONS; i++) {
        sink = codec.decode(payloads[i & (EVENTS - 1)]);
      }
      long t1 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < OPERATIONS; i++) {
        sink = validator.validate(mapper.readValue(payloads[i & (EVENTS - 1)], RatingEvent.class));
      }
      long t2 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < OPERATIONS; i++) {
        sink = codec.encode(events[i & (EVENTS - 1)]);
      }
      long t3 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < OPERATIONS; i++) {
        sink = mapper.writeValueAsBytes(events[i & (EVENTS - 1)]);
      }
      long t4 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < OPERATIONS; i++) {
        sink = codec.decode(spaced[i & (EVENTS - 1)]);
      }
      long t5 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < OPERATIONS; i++) {
        sink = validator.validate(mapper.readValue(spaced[i & (EVENTS - 1)], RatingEvent.class));
      }
      long t6 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < OPERATIONS; i++) {
        sink = codec.decode(recent[i & (EVENTS - 1)]);
      }
      long t7 = threads.getCurrentThreadCpuTime();
      System.out.printf(
          Locale.ROOT,
          "%5d | %s | %s | %s | %6.1f%n",
          round,
          row(t0, t1, t2),
          row(t4, t5, t6),
          row(t2, t3, t4),
          (t7 - t6) / (double) OPERATIONS);
    }
  }
}
