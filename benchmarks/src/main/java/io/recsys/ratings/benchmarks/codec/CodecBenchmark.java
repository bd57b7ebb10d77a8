package io.recsys.ratings.benchmarks.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import io.recsys.ratings.schema.ValidationResult;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RatingCodec} against Jackson databind of the same {@link RatingEvent} record: encode, and
 * decode followed by validation. Every call takes the next of {@value #EVENTS} varied, realistic
 * events (MovieLens-like ids, every half-step rating, 1995..2025 timestamps), so branch predictors
 * and caches see a mix, not one repeated payload.
 *
 * <p>{@code decodeValidateCodecSpaced} decodes the same events laid out differently (spaces, other
 * field order), which takes the codec's general reader instead of its single-pass fast path for its
 * own canonical output. Jackson is measured twice: through {@code ObjectMapper} (the common call,
 * {@code writeValueAsBytes} / {@code readValue}) and through a pre-built {@code ObjectWriter} /
 * {@code ObjectReader} (its fastest ordinary use). Run:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc Codec
 * </pre>
 *
 * <p>On a shared machine add {@code -prof io.recsys.ratings.benchmarks.codec.WorkerCpuProfiler}:
 * its {@code cpu.time.norm} (CPU ns/op of the benchmark thread) does not count time spent waiting
 * for a core.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark {

  /** Number of distinct events cycled through, a power of two. */
  public static final int EVENTS = 1024;

  private final RatingCodec codec = RatingCodec.defaults();
  private final RatingValidator validator = RatingValidator.defaults();
  private final ObjectMapper mapper = new ObjectMapper();
  private final ObjectReader reader = mapper.readerFor(RatingEvent.class);
  private final ObjectWriter writer = mapper.writerFor(RatingEvent.class);

  private RatingEvent[] events;
  private byte[][] payloads;
  private byte[][] spacedPayloads;
  private byte[][] recentPayloads;
  private int next;

  /** Creates the benchmark state; JMH calls {@link #setUp()} before measuring. */
  public CodecBenchmark() {}

  /**
   * Builds the events and their JSON (identical for codec and Jackson, checked here).
   *
   * @throws IOException never in practice; Jackson's signature
   */
  @Setup
  public void setUp() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    SplittableRandom ages = new SplittableRandom(43); // apart, so the other payloads stay the same
    events = new RatingEvent[EVENTS];
    payloads = new byte[EVENTS][];
    spacedPayloads = new byte[EVENTS][];
    recentPayloads = new byte[EVENTS][];
    long from = 789_652_009_000L; // 1995-01-09, the first MovieLens rating
    long to = 1_761_763_121_809L; // 2025-10-29
    for (int i = 0; i < EVENTS; i++) {
      // Many low ids (active users, popular movies), some high ones: varied lengths.
      int userId = 1 + (int) Math.min(138_492, (long) Math.abs(random.nextGaussian() * 40_000));
      int movieId =
          random.nextInt(4) == 0 ? 1 + random.nextInt(131_262) : 1 + random.nextInt(10_000);
      double rating = (1 + random.nextInt(10)) / 2.0;
      long timestamp = random.nextLong(from, to);
      events[i] = new RatingEvent(userId, movieId, rating, timestamp);
      payloads[i] = codec.encode(events[i]);
      // Same content as another JSON writer might lay it out: the codec's general reader.
      spacedPayloads[i] =
          ("{ \"timestamp\": "
                  + timestamp
                  + ", \"userId\": "
                  + userId
                  + ", \"movieId\": "
                  + movieId
                  + ", \"rating\": "
                  + rating
                  + " }")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      // The same event rated in the last 30 days: a 13-digit timestamp, as in a live stream.
      recentPayloads[i] =
          codec.encode(
              new RatingEvent(userId, movieId, rating, to - ages.nextLong(2_592_000_000L)));
      if (!codec.decode(spacedPayloads[i]).equals(codec.decode(payloads[i]))) {
        throw new IllegalStateException("layouts decode differently for " + events[i]);
      }
      if (!java.util.Arrays.equals(payloads[i], mapper.writeValueAsBytes(events[i]))) {
        throw new IllegalStateException("codec and Jackson disagree on " + events[i]);
      }
    }
  }

  private int nextIndex() {
    int i = next;
    next = (i + 1) & (EVENTS - 1);
    return i;
  }

  /**
   * The codec's encode.
   *
   * @return the JSON bytes
   */
  @Benchmark
  public byte[] encodeCodec() {
    return codec.encode(events[nextIndex()]);
  }

  /**
   * {@code ObjectMapper.writeValueAsBytes}.
   *
   * @return the JSON bytes
   * @throws IOException never in practice
   */
  @Benchmark
  public byte[] encodeJacksonMapper() throws IOException {
    return mapper.writeValueAsBytes(events[nextIndex()]);
  }

  /**
   * A pre-built {@code ObjectWriter}'s {@code writeValueAsBytes}.
   *
   * @return the JSON bytes
   * @throws IOException never in practice
   */
  @Benchmark
  public byte[] encodeJacksonWriter() throws IOException {
    return writer.writeValueAsBytes(events[nextIndex()]);
  }

  /**
   * The codec's decode, which validates.
   *
   * @return the decode result
   */
  @Benchmark
  public DecodeResult decodeValidateCodec() {
    return codec.decode(payloads[nextIndex()]);
  }

  /**
   * The codec's decode of canonical JSON whose timestamps all lie in the last 30 days (13 digits,
   * as in a live stream; the other payloads span 1995..2025, 12 and 13 digits).
   *
   * @return the decode result
   */
  @Benchmark
  public DecodeResult decodeValidateCodecRecent() {
    return codec.decode(recentPayloads[nextIndex()]);
  }

  /**
   * The codec's decode of a non-canonical layout (whitespace, other field order): the general
   * reader instead of the single-pass fast path.
   *
   * @return the decode result
   */
  @Benchmark
  public DecodeResult decodeValidateCodecSpaced() {
    return codec.decode(spacedPayloads[nextIndex()]);
  }

  /**
   * {@code ObjectMapper.readValue} into the record, then {@link RatingValidator#validate}.
   *
   * @return the validation result
   * @throws IOException never in practice
   */
  @Benchmark
  public ValidationResult decodeValidateJacksonMapper() throws IOException {
    return validator.validate(mapper.readValue(payloads[nextIndex()], RatingEvent.class));
  }

  /**
   * A pre-built {@code ObjectReader}'s {@code readValue} into the record, then {@link
   * RatingValidator#validate}.
   *
   * @return the validation result
   * @throws IOException never in practice
   */
  @Benchmark
  public ValidationResult decodeValidateJacksonReader() throws IOException {
    return validator.validate(reader.readValue(payloads[nextIndex()]));
  }
}
