package io.recsys.ratings.testkit.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The main class of a {@link BrokerProcess}: runs embedded clusters in this JVM on the commands of
 * the JVM that started it, one command per line on standard input, one reply per command on
 * standard output (marked lines; everything else Kafka prints goes to standard error).
 *
 * <ul>
 *   <li>{@code create <spec>} starts a cluster ({@link EmbeddedSpec#encode()}); replies {@code ok
 *       <id> <data directory> <port>,<port>...}
 *   <li>{@code stop <id> <broker>}, {@code start <id> <broker>}, {@code running <id> <broker>}
 *       (replies {@code ok true} or {@code ok false}), {@code close <id>}
 * </ul>
 *
 * <p>A failed command replies {@code error <message>}. At the end of its input (the parent closed
 * it, or died), it closes every cluster and exits.
 */
public final class BrokerProcessMain {
  private final Map<Integer, InJvmCluster> clusters = new TreeMap<>();
  private final PrintStream replies;
  private int nextId = 1;

  private BrokerProcessMain(PrintStream replies) {
    this.replies = replies;
  }

  /**
   * Runs the command loop until the end of standard input.
   *
   * @param args none
   * @throws IOException if standard input cannot be read
   */
  public static void main(String[] args) throws IOException {
    PrintStream replies = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    BrokerProcessMain main = new BrokerProcessMain(replies);
    try {
      main.reply("hello " + AppInfoParser.getVersion());
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        main.handle(line.trim());
      }
    } finally {
      main.closeAll();
    }
    System.exit(0);
  }

  private void handle(String line) {
    String[] words = line.split(" ");
    try {
      switch (words[0]) {
        case "create" -> {
          InJvmCluster cluster = InJvmCluster.start(EmbeddedSpec.decode(words[1]));
          int id = nextId++;
          clusters.put(id, cluster);
          reply(
              "ok "
                  + id
                  + " "
                  + cluster.dataDirectory().toUri()
                  + " "
                  + cluster.brokerPorts().stream()
                      .map(String::valueOf)
                      .collect(Collectors.joining(",")));
        }
        case "stop" -> {
          cluster(words[1]).stopBroker(Integer.parseInt(words[2]));
          reply("ok");
        }
        case "start" -> {
          cluster(words[1]).startBroker(Integer.parseInt(words[2]));
          reply("ok");
        }
        case "running" -> reply("ok " + cluster(words[1]).isRunning(Integer.parseInt(words[2])));
        case "close" -> {
          InJvmCluster cluster = clusters.remove(Integer.parseInt(words[1]));
          if (cluster != null) {
            cluster.close();
          }
          reply("ok");
        }
        default -> reply("error unknown command '" + words[0] + "'");
      }
    } catch (RuntimeException e) {
      reply("error " + e.getMessage());
    }
  }

  private InJvmCluster cluster(String id) {
    InJvmCluster cluster = clusters.get(Integer.parseInt(id));
    if (cluster == null) {
      throw new IllegalStateException("no cluster " + id + " in the broker process");
    }
    return cluster;
  }

  private void reply(String text) {
    replies.println(BrokerProcess.MARK + text.replace('\r', ' ').replace('\n', ' '));
    replies.flush();
  }

  private void closeAll() {
    clusters.values().forEach(InJvmCluster::close);
    clusters.clear();
  }
}
