package io.recsys.ratings.schema;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Runs inside {@link NoJacksonClasspathTest}'s isolated class loader (JDK + this module's classes
 * only): exercises codec, validator, CSV reader and schema resource and reports what it saw. Uses
 * nothing outside the JDK and this module, so no test library either.
 */
public final class NoJacksonProbe implements Supplier<String> {

  /** Creates the probe; called reflectively. */
  public NoJacksonProbe() {}

  @Override
  public String get() {
    StringBuilder report = new StringBuilder();
    try {
      Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
      report.append("jackson=present");
    } catch (ClassNotFoundException expected) {
      report.append("jackson=absent");
    }
    RatingCodec codec = RatingCodec.defaults();
    RatingEvent event = new RatingEvent(44176, 21373, 3.5, 1761763121809L);
    String json = codec.encodeToString(event);
    DecodeResult decoded = codec.decode(json.getBytes(StandardCharsets.UTF_8));
    report.append(" encode=").append(json);
    report.append(" decode=").append(decoded.equals(new DecodeResult.Valid(event)));
    report.append(" malformed=").append(codec.decode(new byte[] {'{'}).kind());
    report
        .append(" violations=")
        .append(
            RatingValidator.defaults().validate(new RatingEvent(0, 0, 9, 0)).violations().size());
    try (MovieLensCsv.LineReader csv =
        MovieLensCsv.reader(new StringReader(MovieLensCsv.HEADER + "\n1,2,3.5,4\nbad\n"))) {
      report
          .append(" csv=")
          .append(csv.stream().map(line -> line.getClass().getSimpleName()).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    report.append(" schema=").append(RatingSchemas.jsonSchema().contains("2020-12"));
    report
        .append(" loader=")
        .append(RatingCodec.class.getClassLoader() == getClass().getClassLoader());
    return report.toString();
  }
}
