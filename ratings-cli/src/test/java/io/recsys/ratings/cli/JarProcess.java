package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code ratings-cli.jar} run as a user runs it ({@code java -jar ...}) in a child JVM,
 * stdout and stderr to files. Every wait is bounded; a child that does not end in time is killed.
 */
final class JarProcess implements AutoCloseable {

  /** Set by the module's surefire configuration to {@code target/ratings-cli.jar}. */
  static final String JAR_PROPERTY = "ratings.cli.jar";

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private JarProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static Path jar() {
    String property = System.getProperty(JAR_PROPERTY, "target/ratings-cli.jar");
    Path jar = Path.of(property).toAbsolutePath();
    assertThat(jar)
        .as("the runnable jar (built by `package`, before the integration tests run)")
        .exists();
    return jar;
  }

  static JarProcess start(Path workDir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    return new JarProcess(process, out, err);
  }

  /** Waits for the exit; kills the child and fails if it takes longer than {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException, IOException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "the jar did not exit within "
              + timeout
              + "\n--- stdout\n"
              + out()
              + "--- stderr\n"
              + err());
    }
    return process.exitValue();
  }

  /** Sends SIGTERM, which runs the JVM's shutdown hooks like Ctrl+C (SIGINT) does. */
  void terminate() {
    process.destroy();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String out() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String err() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
