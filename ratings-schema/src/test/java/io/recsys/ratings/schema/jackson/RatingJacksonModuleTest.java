package io.recsys.ratings.schema.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RatingJacksonModuleTest {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().registerModule(new RatingJacksonModule());
  private static final RatingCodec CODEC = RatingCodec.defaults();
  private static final String SAMPLE =
      "{\"userId\":44176,\"movieId\":21373,\"rating\":3.5,\"timestamp\":1761763121809}";

  @Test
  void writesTheSameBytesAsTheCodec() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 5000; i++) {
      RatingEvent event =
          new RatingEvent(
              random.nextInt(), random.nextInt(), random.nextInt(-4, 14) / 2.0, random.nextLong());
      assertThat(MAPPER.writeValueAsBytes(event)).isEqualTo(CODEC.encode(event));
    }
    assertThat(MAPPER.writeValueAsString(new RatingEvent(44176, 21373, 3.5, 1761763121809L)))
        .isEqualTo(SAMPLE);
  }

  @Test
  void readsWhatTheCodecReads() throws Exception {
    List<String> documents =
        List.of(
            SAMPLE,
            "{\"timestamp\":1,\"rating\":4,\"movieId\":2.0,\"userId\":3e0}",
            SAMPLE.replace("{", "{\"x\":[1,{\"a\":[]}],\"y\":\"z\","),
            "{\"user\\u0049d\":1,\"movieId\":1,\"rating\":3.5e0,\"timestamp\":1}",
            "{\"userId\":0,\"movieId\":-1,\"rating\":0.25,\"timestamp\":-9}");
    for (String json : documents) {
      DecodeResult decoded = CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
      RatingEvent expected =
          decoded instanceof DecodeResult.Valid v
              ? v.event()
              : ((DecodeResult.Invalid) decoded).event();
      assertThat(MAPPER.readValue(json, RatingEvent.class)).as(json).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"userId\":1,\"movieId\":1,\"rating\":\"3.5\",\"timestamp\":1}",
        "{\"userId\":1.5,\"movieId\":1,\"rating\":3.5,\"timestamp\":1}",
        "{\"userId\":2147483648,\"movieId\":1,\"rating\":3.5,\"timestamp\":1}",
        "{\"userId\":1,\"movieId\":1,\"rating\":3.5,\"timestamp\":9223372036854775808}",
        "{\"userId\":1,\"movieId\":1,\"rating\":3.5,\"timestamp\":-9223372036854775808}",
        "{\"userId\":1,\"movieId\":1,\"rating\":null,\"timestamp\":1}",
        "{\"userId\":1,\"movieId\":1,\"rating\":3.5}",
        "{\"userId\":1,\"userId\":1,\"movieId\":1,\"rating\":3.5,\"timestamp\":1}",
        "[1,1,3.5,1]"
      })
  void rejectsWhatTheCodecCallsMalformed(String json) {
    assertThat(CODEC.decode(json.getBytes(StandardCharsets.UTF_8)).kind())
        .isEqualTo(DecodeResult.Kind.MALFORMED);
    assertThatThrownBy(() -> MAPPER.readValue(json, RatingEvent.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void refusesToWriteANonFiniteRating() {
    assertThatThrownBy(() -> MAPPER.writeValueAsString(new RatingEvent(1, 1, Double.NaN, 1)))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("rating NaN");
  }

  @Test
  void worksInsideOtherObjects() throws Exception {
    record Envelope(String source, RatingEvent event) {}
    Envelope envelope = new Envelope("web", new RatingEvent(1, 2, 4.5, 3));
    String json = MAPPER.writeValueAsString(envelope);
    assertThat(json)
        .isEqualTo(
            "{\"source\":\"web\",\"event\":"
                + "{\"userId\":1,\"movieId\":2,\"rating\":4.5,\"timestamp\":3}}");
    assertThat(MAPPER.readValue(json, Envelope.class)).isEqualTo(envelope);
  }
}
