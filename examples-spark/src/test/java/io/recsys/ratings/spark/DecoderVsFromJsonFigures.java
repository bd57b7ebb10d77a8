package io.recsys.ratings.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingSchemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints how fast the schema module's decoder runs inside Spark next to Spark's own {@code
 * from_json} with the same DDL, on the same cached records (a measurement, not a test; it runs only
 * with {@code -Dfigures=true}): rows per second of each, and what each made of the invalid and
 * malformed records.
 *
 * <pre>
 * ./mvnw -B -ntp -pl examples-spark -am test -Dtest=DecoderVsFromJsonFigures \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfigures=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "figures", matches = "true")
class DecoderVsFromJsonFigures {
  static final int RECORDS = 400_000;
  static final int ROUNDS = 5;

  @Test
  void printDecoderAgainstFromJson() {
    SparkSession spark = SharedSpark.get();
    RatingGenerator generator =
        RatingGenerator.builder().seed(3).invalidShare(0.02).malformedShare(0.01).build();
    List<Row> rows = new ArrayList<>(RECORDS);
    long expectedValid = 0;
    for (RatingGenerator.Payload p : generator.payloads(RECORDS)) {
      rows.add(RowFactory.create((Object) p.value()));
      if (p.expectedKind() == DecodeResult.Kind.VALID) {
        expectedValid++;
      }
    }
    Dataset<Row> values =
        spark
            .createDataFrame(rows, new StructType().add("value", DataTypes.BinaryType))
            .repartition(2)
            .cache();
    values.count();
    rows.clear();

    double[] decoder = new double[ROUNDS];
    double[] fromJson = new double[ROUNDS];
    long valid = 0;
    long fromJsonRows = 0;
    for (int round = -1; round < ROUNDS; round++) { // one warm-up round
      long t0 = System.nanoTime();
      valid = RatingFrames.decode(values).all().filter(col("kind").equalTo("VALID")).count();
      long t1 = System.nanoTime();
      fromJsonRows =
          values
              .select(
                  from_json(col("value").cast("string"), RatingSchemas.SPARK_DDL, Map.of()).as("r"))
              .select("r.*")
              .filter(col("userId").isNotNull())
              .count();
      long t2 = System.nanoTime();
      if (round >= 0) {
        decoder[round] = RECORDS / ((t1 - t0) / 1e9);
        fromJson[round] = RECORDS / ((t2 - t1) / 1e9);
      }
    }
    Arrays.sort(decoder);
    Arrays.sort(fromJson);
    double d = decoder[ROUNDS / 2];
    double f = fromJson[ROUNDS / 2];
    System.out.printf(
        "%d records (2 %% invalid, 1 %% malformed), local[2], median of %d rounds: decoder %.0f"
            + " rows/s, from_json %.0f rows/s, ratio decoder/from_json %.2f%n",
        RECORDS, ROUNDS, d, f, d / f);
    System.out.printf(
        "valid by the decoder: %d (expected %d); rows with a userId from from_json: %d (it keeps"
            + " the invalid ones as if valid and turns the rest into nulls)%n",
        valid, expectedValid, fromJsonRows);
    values.unpersist();
  }
}
