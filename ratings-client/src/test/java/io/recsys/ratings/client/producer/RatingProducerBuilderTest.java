package io.recsys.ratings.client.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.schema.RatingBounds;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RatingProducerBuilderTest {

  private static RatingProducerBuilder builder() {
    return RatingProducer.builder().bootstrapServers("localhost:9092");
  }

  @Test
  void hasSafeThroughputDefaults() {
    RatingProducerConfig config = builder().config();
    assertThat(config.topic()).isEqualTo("ratings");
    assertThat(config.kafkaProperties())
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("compression.type", "lz4")
        .containsEntry("linger.ms", 10)
        .containsEntry("batch.size", 131072)
        .containsEntry("delivery.timeout.ms", 120_000)
        .containsEntry("max.block.ms", 30_000L)
        .containsEntry("bootstrap.servers", "localhost:9092");
  }

  @Test
  void latencySamplingIsOneInEightByDefaultAndAPowerOfTwoUpTo1024() {
    assertThat(builder().config().latencySampling()).isEqualTo(8);
    assertThat(builder().latencySampling(1).config().latencySampling()).isEqualTo(1);
    assertThat(builder().latencySampling(1024).config().latencySampling()).isEqualTo(1024);
    assertThat(builder().latencySampling(2).config().toString()).contains("latencySampling=2");
    for (int bad : new int[] {0, -8, 3, 12, 2048}) {
      assertThatThrownBy(() -> builder().latencySampling(bad))
          .as("latencySampling(%d)", bad)
          .isInstanceOf(RatingsConfigException.class)
          .hasMessageContaining("latencySampling");
    }
    assertThatThrownBy(() -> builder().latencySampling(3))
        .hasMessageContaining("power of two")
        .hasMessageContaining("3");
  }

  @Test
  void passedThroughPropertiesOverrideDefaults() {
    RatingProducerConfig config =
        builder().property("linger.ms", "20").property("client.id", "svc-a").config();
    assertThat(config.kafkaProperties())
        .containsEntry("linger.ms", "20")
        .containsEntry("client.id", "svc-a");
  }

  @Test
  void shortDeliveryTimeoutLowersRequestTimeoutToFit() {
    RatingProducerConfig config = builder().deliveryTimeout(Duration.ofSeconds(5)).config();
    assertThat(config.kafkaProperties())
        .containsEntry("delivery.timeout.ms", 5_000)
        .containsEntry("request.timeout.ms", 4_990);
  }

  @Test
  void rejectsUnknownKafkaPropertyNamingIt() {
    assertThatThrownBy(() -> builder().property("lingr.ms", 5))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("Unknown Kafka producer property 'lingr.ms'");
  }

  @Test
  void rejectsOverridingSerializers() {
    assertThatThrownBy(() -> builder().property("value.serializer", "x.Y"))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("'value.serializer' is set by the SDK");
  }

  @Test
  void rejectsInvalidKafkaValueAtBuild() {
    RatingProducerBuilder b = builder().property("acks", "banana");
    assertThatThrownBy(b::config)
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("acks")
        .hasMessageContaining("banana");
  }

  @Test
  void rejectsIdempotenceWithoutAcksAllAtBuild() {
    RatingProducerBuilder b =
        builder().property("acks", "1").property("enable.idempotence", "true");
    assertThatThrownBy(b::build)
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("acks");
  }

  @Test
  void rejectsBadSettingsNamingValueAndRange() {
    assertThatThrownBy(() -> builder().bootstrapServers("localhost"))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("'localhost'")
        .hasMessageContaining("1..65535");
    assertThatThrownBy(() -> builder().bootstrapServers(" "))
        .isInstanceOf(RatingsConfigException.class);
    assertThatThrownBy(() -> builder().topic("bad topic!"))
        .hasMessageContaining("'bad topic!'")
        .hasMessageContaining("1..249");
    assertThatThrownBy(() -> builder().deliveryTimeout(Duration.ofMillis(10)))
        .hasMessageContaining("deliveryTimeout must be between PT1S and PT24H but was PT0.01S");
    assertThatThrownBy(() -> builder().statsInterval(Duration.ofMillis(-1)))
        .hasMessageContaining("statsInterval");
    assertThatThrownBy(() -> builder().closeTimeout(null)).hasMessageContaining("closeTimeout");
  }

  @Test
  void requiresBootstrapServers() {
    assertThatThrownBy(() -> RatingProducer.builder().config())
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("bootstrapServers is required");
    assertThat(
            RatingProducer.builder()
                .property("bootstrap.servers", "h:1")
                .config()
                .kafkaProperties())
        .containsEntry("bootstrap.servers", "h:1");
  }

  @Test
  void toStringAndErrorsNeverShowSecrets() {
    String jaas =
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"alice\" password=\"alice-secret\";";
    RatingProducerConfig config =
        builder()
            .property("security.protocol", "SASL_PLAINTEXT")
            .property("sasl.mechanism", "SCRAM-SHA-512")
            .property("sasl.jaas.config", jaas)
            .property("ssl.key.password", "key-secret")
            .bounds(RatingBounds.ML_25M)
            .config();
    assertThat(config.toString())
        .doesNotContain("alice-secret")
        .doesNotContain("key-secret")
        .contains("sasl.jaas.config=[hidden]")
        .contains("SCRAM-SHA-512");
    RatingProducerBuilder bad =
        builder().property("sasl.jaas.config", jaas).property("sasl.mechanism", 42);
    assertThatThrownBy(bad::config)
        .isInstanceOf(RatingsConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alice-secret"));
  }
}
