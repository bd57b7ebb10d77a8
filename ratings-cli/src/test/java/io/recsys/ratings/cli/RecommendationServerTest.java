package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.ratings.client.recommendations.RecommendationReader;
import io.recsys.ratings.client.recommendations.RecommendationReaderStats;
import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendedItem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP answers of {@code serve} over a reader held in memory, so that the state before the
 * reader has caught up can be set at will; {@code RecommendationsCliIntegrationTest} runs the
 * command on a broker.
 */
class RecommendationServerTest {

  /** A reader whose lists and caught-up state the test sets. */
  static final class ReaderInMemory implements RecommendationReader {
    final Map<Integer, RecommendationEvent> lists = new ConcurrentHashMap<>();
    volatile boolean caughtUp;

    @Override
    public void start() {}

    @Override
    public boolean awaitCaughtUp(Duration timeout) {
      return caughtUp;
    }

    @Override
    public boolean isCaughtUp() {
      return caughtUp;
    }

    @Override
    public Optional<RecommendationEvent> recommendationsFor(int userId) {
      return Optional.ofNullable(lists.get(userId));
    }

    @Override
    public int size() {
      return lists.size();
    }

    @Override
    public RecommendationReaderStats stats() {
      return new RecommendationReaderStats(5, 4, 1, 0, 0, lists.size(), 6, caughtUp);
    }

    @Override
    public void close() {}
  }

  private final ReaderInMemory reader = new ReaderInMemory();
  private final HttpClient http = HttpClient.newHttpClient();
  private RecommendationServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    server = RecommendationServer.start(reader, "recommendations", "127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.address().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    return response;
  }

  private static JsonNode json(HttpResponse<String> response) {
    return CliResult.parseSingleJsonObject(response.body());
  }

  @Test
  void healthIs503UntilCaughtUpThen200WithTheUserCount() throws Exception {
    HttpResponse<String> starting = send("GET", "/health");
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(json(starting).get("status").asText()).isEqualTo("STARTING");
    assertThat(json(starting).get("caughtUp").asBoolean()).isFalse();

    reader.lists.put(1, event(1));
    reader.caughtUp = true;
    HttpResponse<String> up = send("GET", "/health");
    assertThat(up.statusCode()).isEqualTo(200);
    JsonNode body = json(up);
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.get("users").asInt()).isEqualTo(1);
    assertThat(body.get("topic").asText()).isEqualTo("recommendations");
  }

  @Test
  void answersTheEventAsTheCodecWritesIt() throws Exception {
    reader.lists.put(7, event(7));
    reader.caughtUp = true;

    HttpResponse<String> response = send("GET", "/users/7/recommendations");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(RecommendationCodec.defaults().encodeToString(event(7)));
  }

  @Test
  void unknownUserIs404AndSaysWhetherTheReaderIsStillReading() throws Exception {
    HttpResponse<String> early = send("GET", "/users/8/recommendations");
    assertThat(early.statusCode()).isEqualTo(404);
    assertThat(json(early).get("error").asText())
        .isEqualTo("no recommendations for user 8 (still reading the topic)");
    reader.caughtUp = true;
    assertThat(json(send("GET", "/users/8/recommendations")).get("error").asText())
        .isEqualTo("no recommendations for user 8");
  }

  @Test
  void badIdsAre400OtherMethods405OtherPaths404() throws Exception {
    for (String id : List.of("abc", "0", "-3", "2147483648", "99999999999", "1.5", "%20")) {
      HttpResponse<String> response = send("GET", "/users/" + id + "/recommendations");
      assertThat(response.statusCode()).as(id).isEqualTo(400);
      assertThat(json(response).get("error").asText()).contains("1..2147483647");
    }
    HttpResponse<String> post = send("POST", "/users/1/recommendations");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    assertThat(send("DELETE", "/health").statusCode()).isEqualTo(405);
    assertThat(send("GET", "/users/1").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
  }

  private static RecommendationEvent event(int user) {
    return new RecommendationEvent(
        user,
        RecommendationEvent.Kind.PERSONALIZED,
        "als-1",
        1_761_763_122_410L,
        1_761_763_121_809L,
        List.of(new RecommendedItem(318, 4.91), new RecommendedItem(858, 4.87)));
  }
}
