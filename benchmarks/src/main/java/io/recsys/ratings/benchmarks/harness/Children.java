package io.recsys.ratings.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs of the harness: every one runs with the same JVM flags and the harness's own
 * classpath, writes its output to a file, and is destroyed by the shutdown hook if still alive.
 */
final class Children {
  /** The JVM flags of every child, broker included (the same for the Kafka tools and the SDK). */
  static final List<String> JVM_FLAGS =
      List.of(
          "-Xms1g",
          "-Xmx1g",
          "-XX:+UseG1GC",
          "-Djava.awt.headless=true",
          "-Duser.language=en",
          "-Duser.country=US",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "-Dorg.slf4j.simpleLogger.logFile=System.err",
          "-Dlog4j2.level=WARN");

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(Children::destroyAll, "harness-destroy-children"));
  }

  private final Path logDir;
  private final String classpath;
  private final String java;

  Children(Path logDir) {
    this.logDir = logDir;
    this.classpath = System.getProperty("java.class.path");
    this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The output of a finished child. */
  record Output(int exitCode, String text, Path file) {}

  /**
   * Starts a child JVM running {@code mainClass} with the arguments; its stdout and stderr go to
   * {@code <logDir>/<name>.log}.
   */
  Process start(String name, String mainClass, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(JVM_FLAGS);
    cmd.addAll(extraFlags());
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.addAll(args);
    Path log = logFile(name);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    LIVE.add(p);
    p.onExit().thenRun(() -> LIVE.remove(p));
    return p;
  }

  /**
   * Extra JVM flags for every child from the environment variable {@code HARNESS_CHILD_JVM_OPTS}
   * (space-separated; e.g. {@code -XX:StartFlightRecording=dumponexit=true,filename=/tmp/jfr/} to
   * profile). They apply to the Kafka tools and the SDK workers alike.
   */
  static List<String> extraFlags() {
    String extra = System.getenv("HARNESS_CHILD_JVM_OPTS");
    return extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
  }

  Path logFile(String name) {
    return logDir.resolve(name + ".log");
  }

  /**
   * Runs a child to completion, at most {@code timeout}; destroys it if it takes longer.
   *
   * @throws HarnessException if it timed out or exited non-zero
   */
  Output run(String name, String mainClass, List<String> args, Duration timeout)
      throws IOException, InterruptedException {
    Process p = start(name, mainClass, args);
    boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!done) {
      destroy(p, Duration.ofSeconds(5));
      throw new HarnessException(
          name + " did not finish within " + timeout.toSeconds() + " s; output: " + tail(name));
    }
    String text = Files.readString(logFile(name), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new HarnessException(
          name + " exited with " + p.exitValue() + "; output: " + tail(name));
    }
    return new Output(p.exitValue(), text, logFile(name));
  }

  /** The last lines of a child's output, for error messages. */
  String tail(String name) {
    try {
      List<String> lines = Files.readAllLines(logFile(name), StandardCharsets.UTF_8);
      return String.join("\n  ", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Asks the process to stop (SIGTERM), then kills it after the grace period. */
  static void destroy(Process p, Duration grace) {
    if (!p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static void destroyAll() {
    for (Process p : List.copyOf(LIVE)) {
      destroy(p, Duration.ofSeconds(10));
    }
  }
}
