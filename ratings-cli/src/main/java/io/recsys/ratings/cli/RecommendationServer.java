package io.recsys.ratings.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.recsys.ratings.client.recommendations.RecommendationReader;
import io.recsys.ratings.client.recommendations.RecommendationReaderStats;
import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of {@code ratings serve}, on the JDK's own server: {@code GET
 * /users/{id}/recommendations} answers the user's latest event as the codec writes it, {@code GET
 * /health} the reader's state. Every answer is JSON; errors are {@code {"error": "..."}}.
 */
final class RecommendationServer implements AutoCloseable {

  private static final Pattern USER_PATH = Pattern.compile("/users/([^/]*)/recommendations/?");
  private static final Pattern USER_ID = Pattern.compile("[0-9]{1,10}");
  private static final int THREADS = 4;

  private final RecommendationReader reader;
  private final String topic;
  private final HttpServer server;
  private final ExecutorService executor;

  private RecommendationServer(
      RecommendationReader reader, String topic, HttpServer server, ExecutorService executor) {
    this.reader = reader;
    this.topic = topic;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts serving.
   *
   * @param port 0 for any free port
   * @throws IOException if the address cannot be bound
   */
  static RecommendationServer start(
      RecommendationReader reader, String topic, String host, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "ratings-serve-http-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    RecommendationServer s = new RecommendationServer(reader, topic, server, executor);
    server.createContext("/", s::handle);
    server.setExecutor(executor);
    server.start();
    return s;
  }

  /** The address the server listens on (with the port chosen when 0 was asked for). */
  InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Matcher user = USER_PATH.matcher(path);
      boolean health = path.equals("/health");
      if (!user.matches() && !health) {
        send(exchange, 404, error("not found: " + path + " (try /users/{id}/recommendations)"));
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        send(exchange, 405, error("method " + exchange.getRequestMethod() + " not allowed: GET"));
        return;
      }
      if (health) {
        health(exchange);
      } else {
        recommendations(exchange, user.group(1));
      }
    }
  }

  private void recommendations(HttpExchange exchange, String id) throws IOException {
    long userId = USER_ID.matcher(id).matches() ? Long.parseLong(id) : -1;
    if (userId < 1 || userId > Integer.MAX_VALUE) {
      send(
          exchange,
          400,
          error("user id must be a whole number in 1..2147483647, was '" + id + "'"));
      return;
    }
    Optional<RecommendationEvent> event = reader.recommendationsFor((int) userId);
    if (event.isEmpty()) {
      send(
          exchange,
          404,
          error(
              "no recommendations for user "
                  + userId
                  + (reader.isCaughtUp() ? "" : " (still reading the topic)")));
      return;
    }
    send(exchange, 200, RecommendationCodec.defaults().encodeToString(event.get()));
  }

  private void health(HttpExchange exchange) throws IOException {
    RecommendationReaderStats s = reader.stats();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", s.caughtUp() ? "UP" : "STARTING");
    body.put("caughtUp", s.caughtUp());
    body.put("topic", topic);
    body.put("users", s.users());
    body.put("partitions", s.partitions());
    body.put("records", s.records());
    body.put("tombstones", s.tombstones());
    body.put("invalid", s.invalid());
    body.put("malformed", s.malformed());
    send(exchange, s.caughtUp() ? 200 : 503, Json.write(body));
  }

  private static String error(String message) {
    return Json.write(Map.of("error", message));
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops accepting, lets running exchanges finish (at most 1 s), stops the threads. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
