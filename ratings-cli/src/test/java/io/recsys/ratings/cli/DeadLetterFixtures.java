package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letters for the dlq command tests, written with the headers a consumer gives them; each
 * one's movieId is unique, so the records on a target topic can be counted one by one.
 */
final class DeadLetterFixtures {

  static final RatingCodec CODEC = RatingCodec.defaults();
  static final long T0 = 1_700_000_000_000L;

  private DeadLetterFixtures() {}

  /** One dead letter to write: where it came from, why, and its identity (movieId). */
  record Letter(
      String source,
      int sourcePartition,
      String kind,
      String reason,
      long timestamp,
      int movieId,
      Integer replayCount) {}

  static Letter letter(String source, int partition, String kind, String reason, int id) {
    return new Letter(source, partition, kind, reason, T0 + id, id, null);
  }

  static void write(KafkaCluster kafka, String dlq, List<Letter> letters) throws Exception {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (Letter l : letters) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", ("t" + l.movieId()).getBytes(StandardCharsets.UTF_8));
        if (l.kind() != null) {
          headers.add(DeadLetterHeaders.KIND, utf8(l.kind()));
          headers.add(DeadLetterHeaders.REASON, utf8(l.reason()));
        }
        if (l.source() != null) {
          headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(l.source()));
          headers.add(
              DeadLetterHeaders.SOURCE_PARTITION, utf8(String.valueOf(l.sourcePartition())));
          headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(String.valueOf(l.movieId())));
        }
        if (l.replayCount() != null) {
          headers.add(DeadLetterHeaders.REPLAY_COUNT, utf8(String.valueOf(l.replayCount())));
        }
        int user = 1 + l.movieId() % 50;
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    dlq,
                    null,
                    l.timestamp(),
                    utf8(String.valueOf(user)),
                    CODEC.encode(new RatingEvent(user, l.movieId(), 4.0, l.timestamp())),
                    headers)));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The movieIds of the records on a topic (read to its end), in no particular order. */
  static List<Integer> movieIds(KafkaCluster kafka, String topic, int atLeast) {
    List<Integer> ids = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r :
        kafka.awaitRecords(topic, atLeast, Duration.ofSeconds(30))) {
      DecodeResult d = CODEC.decode(r.value());
      assertThat(d).isInstanceOf(DecodeResult.Valid.class);
      ids.add(((DecodeResult.Valid) d).event().movieId());
    }
    return ids;
  }

  static long total(KafkaCluster kafka, String topic) {
    return kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }
}
