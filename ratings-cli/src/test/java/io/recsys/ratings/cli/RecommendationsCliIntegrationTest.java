package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationDecodeResult;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendedItem;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ratings recommendations} and {@code ratings serve} against the testkit's broker, on the
 * {@code recommendations} topic that {@code create-topics} makes; {@code serve} as the built jar in
 * a child JVM, asked over HTTP and stopped by a signal.
 */
@IntegrationTest
@WithKafka
class RecommendationsCliIntegrationTest {

  private static final RecommendationCodec CODEC = RecommendationCodec.defaults();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static String bootstrap;

  @BeforeAll
  static void provisionAndPublish(KafkaCluster kafka) {
    bootstrap = kafka.bootstrapServers();
    CliResult created = CliResult.run("create-topics", "--bootstrap-servers", bootstrap);
    assertThat(created.exitCode()).as(created.toString()).isZero();
    publish(kafka, event(1, RecommendationEvent.Kind.PERSONALIZED, "als-1", 318, 858, 50));
    publish(kafka, event(2, RecommendationEvent.Kind.FALLBACK, "als-1", 296, 593));
    publish(kafka, event(1, RecommendationEvent.Kind.PERSONALIZED, "als-2", 2571, 318)); // newer
    publish(kafka, event(3, RecommendationEvent.Kind.PERSONALIZED, "als-1", 1));
    kafka.produce("recommendations", key(3), null); // user 3 removed
    kafka.produce("recommendations", key(4), "not an event".getBytes(StandardCharsets.UTF_8));
  }

  static RecommendationEvent event(
      int user, RecommendationEvent.Kind kind, String version, int... movies) {
    List<RecommendedItem> items = new ArrayList<>();
    for (int i = 0; i < movies.length; i++) {
      items.add(new RecommendedItem(movies[i], 4.9 - i * 0.1));
    }
    return new RecommendationEvent(
        user, kind, version, 1_761_763_122_410L, 1_761_763_121_809L, items);
  }

  private static byte[] key(int user) {
    return Integer.toString(user).getBytes(StandardCharsets.US_ASCII);
  }

  private static void publish(KafkaCluster kafka, RecommendationEvent event) {
    kafka.produce("recommendations", key(event.userId()), CODEC.encode(event));
  }

  private static CliResult cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--bootstrap-servers");
    all.add(bootstrap);
    return CliResult.run(all.toArray(String[]::new));
  }

  @Test
  void printsTheLatestListOfAUser() {
    CliResult result = cli("recommendations", "--user", "1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .startsWith("User 1: 2 recommendations (personalized, model als-2)\n")
        .contains("generated at 2025-10-29T18:38:42.410Z")
        .contains("   1     2571  4.900")
        .contains("   2      318  4.800");
  }

  @Test
  void printsTheEventAsJson() {
    CliResult result = cli("recommendations", "--user", "2", "--output", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("kind").asText()).isEqualTo("FALLBACK");
    RecommendationDecodeResult decoded =
        CODEC.decode(result.out().strip().getBytes(StandardCharsets.UTF_8));
    assertThat(decoded)
        .isEqualTo(
            new RecommendationDecodeResult.Valid(
                event(2, RecommendationEvent.Kind.FALLBACK, "als-1", 296, 593)));
  }

  @Test
  void aUserWithoutAListExitsOneWithAClearMessage() {
    for (String user : List.of("3", "4", "99")) {
      CliResult result = cli("recommendations", "--user", user);

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
      assertThat(result.err())
          .contains("error: No recommendations for user " + user + " in topic 'recommendations'")
          .contains("(2 users have a list)");
      assertThat(result.out()).isEmpty();
    }
  }

  @Test
  void aMissingTopicExitsOneNamingCreateTopics() {
    CliResult result = cli("recommendations", "--user", "1", "--topic", "no-such-recs");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .contains("Topic 'no-such-recs' does not exist")
        .contains("ratings create-topics");
  }

  @Test
  void serveAnswersOverHttpKeepsUpdatingAndStopsOnASignal(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (JarProcess serve =
        JarProcess.start(dir, "serve", "--port", "0", "--bootstrap-servers", bootstrap)) {
      String base = awaitAddress(serve);

      HttpResponse<String> health = awaitHealthy(http, base, serve);
      assertThat(CliResult.parseSingleJsonObject(health.body()).get("users").asInt()).isEqualTo(2);

      HttpResponse<String> one = get(http, base + "/users/1/recommendations");
      assertThat(one.statusCode()).isEqualTo(200);
      assertThat(one.headers().firstValue("Content-Type"))
          .hasValue("application/json; charset=utf-8");
      assertThat(CODEC.decode(one.body().getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(
              new RecommendationDecodeResult.Valid(
                  event(1, RecommendationEvent.Kind.PERSONALIZED, "als-2", 2571, 318)));

      HttpResponse<String> unknown = get(http, base + "/users/3/recommendations");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(CliResult.parseSingleJsonObject(unknown.body()).get("error").asText())
          .isEqualTo("no recommendations for user 3");
      assertThat(get(http, base + "/users/x1/recommendations").statusCode()).isEqualTo(400);
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "/users/1/recommendations"))
                          .POST(HttpRequest.BodyPublishers.ofString("{}"))
                          .timeout(WAIT)
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(405);

      // a list published while it serves is answered without a restart
      publish(kafka, event(5, RecommendationEvent.Kind.PERSONALIZED, "als-3", 7, 8));
      long deadline = System.nanoTime() + WAIT.toNanos();
      HttpResponse<String> five = get(http, base + "/users/5/recommendations");
      while (five.statusCode() == 404 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        five = get(http, base + "/users/5/recommendations");
      }
      assertThat(five.statusCode()).as(five.body()).isEqualTo(200);
      assertThat(five.body()).contains("\"modelVersion\":\"als-3\"");

      serve.terminate();
      int exit = serve.awaitExit(WAIT);
      assertThat(exit).as("terminated by a signal: 128 + 15").isEqualTo(143);
      assertThat(serve.out()).contains("Stopped; 3 users had a list");
    }
  }

  @Test
  void serveOnATakenPortExitsOne(@TempDir Path dir) throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, null)) {
      CliResult result =
          cli("serve", "--port", Integer.toString(taken.getLocalPort()), "--host", "0.0.0.0");
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
      assertThat(result.err()).contains("Cannot listen on 0.0.0.0:" + taken.getLocalPort());
    }
  }

  private static final Pattern ADDRESS = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+) ");

  private static String awaitAddress(JarProcess serve) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = ADDRESS.matcher(serve.out());
      if (m.find()) {
        return m.group(1);
      }
      assertThat(serve.isAlive()).as("serve exited: %s", serve.err()).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("serve printed no address within " + WAIT + ": " + serve.err());
  }

  private static HttpResponse<String> awaitHealthy(HttpClient http, String base, JarProcess serve)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    HttpResponse<String> health = get(http, base + "/health");
    while (health.statusCode() != 200 && System.nanoTime() < deadline) {
      assertThat(health.statusCode()).as("before catching up: 503").isEqualTo(503);
      assertThat(health.body()).contains("\"status\":\"STARTING\"");
      Thread.sleep(100);
      health = get(http, base + "/health");
    }
    assertThat(health.statusCode()).as("%s / %s", health.body(), serve.err()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"", "\"caughtUp\":true");
    return health;
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
