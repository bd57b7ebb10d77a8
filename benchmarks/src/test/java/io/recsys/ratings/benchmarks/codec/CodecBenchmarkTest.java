package io.recsys.ratings.benchmarks.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.DecodeResult;
import org.junit.jupiter.api.Test;

/** Runs each benchmark method over one full cycle of events, so the benchmark cannot rot. */
class CodecBenchmarkTest {

  @Test
  void everyBenchmarkHandlesEveryEventAlike() throws Exception {
    CodecBenchmark benchmark = new CodecBenchmark();
    benchmark.setUp(); // throws if codec and Jackson disagree on any event
    // Every call moves to the next event; a full cycle of each method ends where it started.
    byte[][] codec = new byte[CodecBenchmark.EVENTS][];
    for (int i = 0; i < CodecBenchmark.EVENTS; i++) {
      codec[i] = benchmark.encodeCodec();
    }
    for (int i = 0; i < CodecBenchmark.EVENTS; i++) {
      assertThat(benchmark.encodeJacksonMapper()).isEqualTo(codec[i]);
    }
    for (int i = 0; i < CodecBenchmark.EVENTS; i++) {
      assertThat(benchmark.encodeJacksonWriter()).isEqualTo(codec[i]);
    }
    for (int i = 0; i < CodecBenchmark.EVENTS; i++) {
      assertThat(benchmark.decodeValidateCodec().kind()).isEqualTo(DecodeResult.Kind.VALID);
      assertThat(benchmark.decodeValidateCodecSpaced().kind()).isEqualTo(DecodeResult.Kind.VALID);
      assertThat(benchmark.decodeValidateCodecRecent().kind()).isEqualTo(DecodeResult.Kind.VALID);
      assertThat(benchmark.decodeValidateJacksonMapper().isValid()).isTrue();
      assertThat(benchmark.decodeValidateJacksonReader().isValid()).isTrue();
    }
  }
}
