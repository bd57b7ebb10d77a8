package io.recsys.ratings.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

// The testkit example of README.md and docs/testkit.md (region "readme"), compiled and run here.
// tag::readme[]
@IntegrationTest // JUnit tag "integration" + a 120 s timeout per test
@WithKafka(brokers = 1, brokerConfig = "auto.create.topics.enable=false")
class ReadmeExampleIntegrationTest {

  @Test
  void ratingsRoundTripThroughARealBroker(KafkaCluster kafka) {
    kafka.createTopic("ratings", 3, 1); // waits until every partition has a leader

    RatingGenerator generator = RatingGenerator.of(42); // seeded: same events on every run
    RatingCodec codec = RatingCodec.defaults();
    for (RatingEvent event : generator.generate(100)) {
      byte[] key = Integer.toString(event.userId()).getBytes(StandardCharsets.UTF_8);
      kafka.produce("ratings", key, codec.encode(event));
    }

    List<ConsumerRecord<byte[], byte[]>> records =
        kafka.awaitRecords("ratings", 100, Duration.ofSeconds(10));
    assertThat(records).hasSize(100);
    assertThat(kafka.endOffsets("ratings").values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(100);
  }
}
// end::readme[]
