package io.recsys.ratings.client.reliability;

import io.recsys.ratings.client.consumer.CommitMode;
import io.recsys.ratings.client.consumer.RatingConsumer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A consumer process for {@link ConsumerFailoverIntegrationTest}: consumes a topic and appends
 * {@code partition@offset} of every handled record to a file (flushed before the handler returns),
 * until it is killed.
 */
final class ConsumerProcessMain {
  private ConsumerProcessMain() {}

  /**
   * Runs the consumer.
   *
   * @param args bootstrap servers, topic, group, output file
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    try (OutputStream out = new FileOutputStream(args[3], true)) {
      RatingConsumer.builder()
          .bootstrapServers(args[0])
          .topic(args[1])
          .groupId(args[2])
          .property("max.poll.records", 100)
          // the killing test asserts the one-batch bound of synchronous per-batch commits
          .commitMode(CommitMode.SYNCHRONOUS)
          .commitInterval(Duration.ZERO)
          .property("session.timeout.ms", 6000)
          .property("heartbeat.interval.ms", 1000)
          .pollTimeout(Duration.ofMillis(200))
          .handler(
              (e, ctx) -> {
                Thread.sleep(1); // keeps the stream going for a few seconds
                out.write(
                    (ctx.partition() + "@" + ctx.offset() + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
              })
          .build()
          .run();
    }
  }
}
