package io.recsys.ratings.spark.internal;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.MovieLensCsv;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import io.recsys.ratings.schema.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Reads MovieLens {@code ratings.csv} lines with {@link MovieLensCsv#parseLine(String, long)} and
 * validates them, one validator per partition; header and blank lines are skipped.
 *
 * @param bounds the validator's bounds
 */
public record DecodeCsvLines(BoundsSpec bounds) implements MapPartitionsFunction<String, Row> {

  private static final long serialVersionUID = 1L;

  @Override
  public Iterator<Row> call(Iterator<String> input) {
    RatingValidator validator = RatingValidator.of(bounds.toBounds());
    return new Iterator<>() {
      private Row pending;

      @Override
      public boolean hasNext() {
        while (pending == null && input.hasNext()) {
          String line = input.next();
          if (line.isBlank() || line.strip().equals(MovieLensCsv.HEADER)) {
            continue;
          }
          pending = toRow(line);
        }
        return pending != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = pending;
        pending = null;
        return row;
      }

      private Row toRow(String line) {
        DecodeResult result;
        MovieLensCsv.Line parsed = MovieLensCsv.parseLine(line, 0);
        if (parsed instanceof MovieLensCsv.Line.Parsed p) {
          RatingEvent e = p.event();
          ValidationResult v = validator.validate(e);
          result =
              v.isValid() ? new DecodeResult.Valid(e) : new DecodeResult.Invalid(e, v.violations());
        } else {
          result = new DecodeResult.Malformed(((MovieLensCsv.Line.Bad) parsed).reason());
        }
        return BoundsSpec.toRow(
            result, null, null, null, null, line.getBytes(StandardCharsets.UTF_8));
      }
    };
  }
}
