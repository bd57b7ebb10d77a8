package io.recsys.ratings.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingSchemas;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RatingFramesTest {
  private static final StructType KAFKA_SCHEMA =
      new StructType()
          .add("key", DataTypes.BinaryType)
          .add("value", DataTypes.BinaryType)
          .add("topic", DataTypes.StringType)
          .add("partition", DataTypes.IntegerType)
          .add("offset", DataTypes.LongType)
          .add("timestamp", DataTypes.TimestampType)
          .add("timestampType", DataTypes.IntegerType);

  private final SparkSession spark = SharedSpark.get();
  private final RatingCodec codec = RatingCodec.defaults();

  private Dataset<Row> kafkaFrame(List<byte[]> values) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      rows.add(
          RowFactory.create(
              null, values.get(i), "ratings", i % 2, (long) i, new Timestamp(1_000L + i), 0));
    }
    return spark.createDataFrame(rows, KAFKA_SCHEMA);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void splitsValidInvalidAndMalformedExactlyAsTheCodecDoes() {
    List<byte[]> values =
        List.of(
            codec.encode(new RatingEvent(1, 29, 3.5, 1_112_484_676_000L)),
            codec.encode(new RatingEvent(2, 50, 5.5, 1_112_484_677_000L)),
            utf8("{\"userId\":3,\"movieId\":7}"),
            utf8("not json"),
            new byte[0],
            codec.encode(new RatingEvent(4, 10, 0.5, 1_112_484_678_000L)));
    DecodedRatings decoded = RatingFrames.decode(kafkaFrame(values));

    List<Row> valid = decoded.valid().orderBy("userId").collectAsList();
    assertThat(decoded.valid().schema()).isEqualTo(StructType.fromDDL(RatingSchemas.SPARK_DDL));
    assertThat(valid)
        .extracting(r -> new RatingEvent(r.getInt(0), r.getInt(1), r.getDouble(2), r.getLong(3)))
        .containsExactly(
            new RatingEvent(1, 29, 3.5, 1_112_484_676_000L),
            new RatingEvent(4, 10, 0.5, 1_112_484_678_000L));

    List<Row> rejected = decoded.rejected().orderBy("offset").collectAsList();
    assertThat(rejected).hasSize(4);
    for (Row r : rejected) {
      byte[] raw = r.getAs("value");
      DecodeResult expected = codec.decode(raw);
      assertThat(r.<String>getAs("kind")).isEqualTo(expected.kind().name());
      assertThat(r.<String>getAs("reason")).isNotBlank();
      if (expected instanceof DecodeResult.Malformed m) {
        assertThat(r.<String>getAs("reason")).isEqualTo(m.reason());
      }
    }
    assertThat(rejected.get(0).<String>getAs("kind")).isEqualTo("INVALID");
    assertThat(rejected.get(0).<String>getAs("reason")).contains("RATING_OUT_OF_RANGE");
    assertThat(rejected.get(0).<Long>getAs("offset")).isEqualTo(1L);
  }

  @Test
  void docsExamplesSplitAndParseKafkaValues() {
    RatingEvent event = new RatingEvent(1, 29, 3.5, 1_112_484_676_000L);
    Dataset<Row> kafkaDf = kafkaFrame(List.of(codec.encode(event), utf8("not json")));
    // tag::decode[]
    DecodedRatings decoded = RatingFrames.decode(kafkaDf); // the SDK's codec and validator
    Dataset<Row> valid = decoded.valid(); // columns of RatingSchemas.SPARK_DDL
    Dataset<Row> rejected = decoded.rejected(); // kind, reason, Kafka coordinates, raw value
    // end::decode[]
    assertThat(valid.collectAsList())
        .extracting(r -> new RatingEvent(r.getInt(0), r.getInt(1), r.getDouble(2), r.getLong(3)))
        .containsExactly(event);
    assertThat(rejected.collectAsList())
        .extracting(r -> r.<String>getAs("kind"))
        .containsExactly("MALFORMED");

    // tag::fromJson[]
    Dataset<Row> ratings =
        kafkaDf
            .select(
                from_json(col("value").cast("string"), RatingSchemas.SPARK_DDL, Map.of()).as("r"))
            .select("r.*");
    // RatingSchemas.SPARK_DDL = "userId INT, movieId INT, rating DOUBLE, timestamp BIGINT"
    // end::fromJson[]
    assertThat(ratings.schema()).isEqualTo(StructType.fromDDL(RatingSchemas.SPARK_DDL));
    assertThat(ratings.filter(col("userId").isNotNull()).collectAsList())
        .extracting(r -> new RatingEvent(r.getInt(0), r.getInt(1), r.getDouble(2), r.getLong(3)))
        .containsExactly(event);
  }

  @Test
  void appliesTheGivenBounds() {
    List<byte[]> values = List.of(codec.encode(new RatingEvent(500, 20, 4.0, 1L)));
    assertThat(RatingFrames.decode(kafkaFrame(values), RatingBounds.of(100, 100)).valid().count())
        .isZero();
    assertThat(RatingFrames.decode(kafkaFrame(values), RatingBounds.of(1000, 100)).valid().count())
        .isOne();
  }

  @Test
  void nullValueIsMalformedNotLost() {
    List<byte[]> values = new ArrayList<>();
    values.add(null);
    DecodedRatings decoded = RatingFrames.decode(kafkaFrame(values));
    assertThat(decoded.all().count()).isOne();
    assertThat(decoded.rejected().first().<String>getAs("kind")).isEqualTo("MALFORMED");
  }

  @Test
  void readsMovieLensCsvLinesWithTheSchemaModule() {
    Dataset<String> lines =
        spark.createDataset(
            List.of(
                "userId,movieId,rating,timestamp", "1,29,3.5,1112484676", "2,x,3.0,1", "3,4,7.0,5"),
            org.apache.spark.sql.Encoders.STRING());
    DecodedRatings decoded = RatingFrames.decodeCsvLines(lines, RatingBounds.defaults());
    assertThat(decoded.valid().collectAsList())
        .extracting(r -> r.getLong(3))
        .containsExactly(1_112_484_676_000L);
    assertThat(
            decoded
                .rejected()
                .select("kind")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder("MALFORMED", "INVALID");
  }

  @Test
  void rejectsAFrameWithoutValueColumn() {
    Dataset<Row> notKafka = spark.range(3).toDF();
    assertThatThrownBy(() -> RatingFrames.decode(notKafka))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value");
  }
}
