package io.recsys.ratings.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.TypeConversionException;

/**
 * A point in time on the command line: an ISO-8601 instant ({@code 2024-05-01T10:00:00Z}), a local
 * date-time or date taken as UTC ({@code 2024-05-01T10:00}, {@code 2024-05-01}), epoch milliseconds
 * ({@code 1714557600000}), or a duration before now ({@code 30m}, {@code 2h}, {@code 7d}, {@code
 * PT2H}).
 */
final class TimeArg {

  private TimeArg() {}

  static Instant parse(String text, Clock clock) {
    String v = text == null ? "" : text.strip();
    if (v.matches("\\d{10,}")) {
      return Instant.ofEpochMilli(Long.parseLong(v));
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      // next form
    }
    try {
      return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // next form
    }
    try {
      return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // next form
    }
    try {
      return clock.instant().minus(DurationArg.parse(v));
    } catch (TypeConversionException e) {
      throw new TypeConversionException(
          "'"
              + text
              + "' is not a time: use an ISO-8601 instant (2024-05-01T10:00:00Z), a UTC date or"
              + " date-time (2024-05-01, 2024-05-01T10:00), epoch milliseconds, or a duration"
              + " before now (30m, 2h, 7d)");
    }
  }
}
