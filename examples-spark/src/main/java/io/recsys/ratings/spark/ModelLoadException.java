package io.recsys.ratings.spark;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model directory cannot be used: it is missing, its {@code LATEST} pointer is missing or names a
 * version that is not there, or the version's directory is half-written (no {@code _COMPLETE}
 * marker) or unreadable. The message says which, and {@link #path()} is the file or directory at
 * fault.
 */
public final class ModelLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The path at fault, as text (a {@link Path} is not serializable). */
  private final String path;

  /**
   * A failure.
   *
   * @param path the file or directory at fault
   * @param message what is wrong with it
   * @param cause the underlying error, or null
   */
  public ModelLoadException(Path path, String message, Throwable cause) {
    super(message + ": " + path, cause);
    this.path = Objects.requireNonNull(path, "path").toString();
  }

  /**
   * The file or directory at fault.
   *
   * @return the path
   */
  public Path path() {
    return Path.of(path);
  }
}
