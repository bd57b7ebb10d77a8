package io.recsys.ratings.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the JSON Schema documents shipped in this jar. */
final class SchemaResources {

  private SchemaResources() {}

  /**
   * Opens a resource of this jar.
   *
   * @param resource the absolute resource name
   * @return a stream the caller closes
   * @throws IllegalStateException if the resource is missing (a broken jar)
   */
  static InputStream open(String resource) {
    InputStream in = SchemaResources.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("resource " + resource + " missing from the jar");
    }
    return in;
  }

  /**
   * Reads a resource of this jar as UTF-8 text.
   *
   * @param resource the absolute resource name
   * @return its text
   * @throws UncheckedIOException if the resource cannot be read
   * @throws IllegalStateException if the resource is missing (a broken jar)
   */
  static String read(String resource) {
    try (InputStream in = open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }
}
