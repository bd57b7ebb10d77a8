package io.recsys.ratings.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration argument: a whole number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code
 * 2h}, {@code 1d}) or ISO-8601 ({@code PT30S}).
 */
final class DurationArg implements ITypeConverter<Duration> {

  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(value.strip());
    } catch (DateTimeParseException | NullPointerException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a duration: use a whole number with ms, s, m, h or d (e.g. 30s, 5m)"
              + " or ISO-8601 (e.g. PT30S)");
    }
  }
}
