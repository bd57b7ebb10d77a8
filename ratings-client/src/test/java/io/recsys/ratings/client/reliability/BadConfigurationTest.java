package io.recsys.ratings.client.reliability;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.producer.RatingProducer;
import org.junit.jupiter.api.Test;

/**
 * Settings that can never work fail at {@code build()} (or at the setter) with a {@link
 * RatingsConfigException} naming the setting and the bad value; no broker needed.
 */
class BadConfigurationTest {

  @Test
  void bootstrapAddressWithoutAPortFailsAtTheSetter() {
    assertThatThrownBy(() -> RatingProducer.builder().bootstrapServers("localhost"))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("localhost");
    assertThatThrownBy(() -> RatingConsumer.builder().bootstrapServers("localhost:notaport"))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("localhost:notaport");
  }

  @Test
  void invalidKafkaPropertyValueFailsAtBuildNamingPropertyAndValue() {
    assertThatThrownBy(
            () ->
                RatingProducer.builder()
                    .bootstrapServers("localhost:9092")
                    .property("acks", "banana")
                    .build())
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("acks")
        .hasMessageContaining("banana");
    assertThatThrownBy(
            () ->
                RatingConsumer.builder()
                    .bootstrapServers("localhost:9092")
                    .groupId("g")
                    .property("isolation.level", "banana")
                    .build())
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("isolation.level")
        .hasMessageContaining("banana");
  }

  @Test
  void misspelledKafkaPropertyFailsNamingIt() {
    assertThatThrownBy(() -> RatingProducer.builder().property("acks.all", "1"))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("acks.all");
    assertThatThrownBy(() -> RatingConsumer.builder().property("group.idd", "x"))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("group.idd");
  }

  @Test
  void unresolvableBootstrapHostFailsAtBuildNamingTheSetting() {
    assertThatThrownBy(
            () ->
                RatingProducer.builder()
                    .bootstrapServers("no-such-host.invalid:9092")
                    .build()
                    .close())
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("bootstrap.servers");
  }
}
