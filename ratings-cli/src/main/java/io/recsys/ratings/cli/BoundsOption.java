package io.recsys.ratings.cli;

import io.recsys.ratings.schema.RatingBounds;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --bounds}: the user and movie id ranges a rating must lie in, shared by {@code produce}
 * and {@code consume}; a preset or explicit ranges, read by {@link RatingBounds#parse(String)}.
 */
final class BoundsOption {

  @Option(
      names = "--bounds",
      paramLabel = "ml-20m|ml-25m|ml-32m|users=MIN..MAX,movies=MIN..MAX",
      defaultValue = "ml-20m",
      converter = Converter.class,
      description =
          "Valid user and movie ids: a MovieLens preset (ml-20m: users 1..138493, movies"
              + " 1..131262; ml-25m: 162541 and 209171; ml-32m: 200948 and 292757) or explicit"
              + " ranges such as users=1..200000,movies=1..300000 (default: ${DEFAULT-VALUE}).")
  RatingBounds bounds;

  /** Reads {@code --bounds}; a bad value is a usage error naming both forms. */
  static final class Converter implements ITypeConverter<RatingBounds> {
    @Override
    public RatingBounds convert(String value) {
      try {
        return RatingBounds.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
