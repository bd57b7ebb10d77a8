package io.recsys.ratings.testkit.internal;

import io.recsys.ratings.testkit.KafkaTestkitException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM that runs embedded clusters for this JVM, started from a class path of its own (the
 * testkit with Kafka's server jars and the kafka-clients version they need), so that the tests' JVM
 * can use another kafka-clients version. One broker process serves every cluster of a test JVM in
 * turn (started on the first, stopped when the JVM exits), which saves a JVM start and Kafka's
 * class loading per cluster.
 *
 * <p>It speaks a line protocol: commands on its standard input, one reply per command on its
 * standard output, marked with {@value #MARK} (everything else it writes is passed on to this JVM's
 * standard error). When this JVM dies, the child reads the end of its input and stops its clusters;
 * a JVM shutdown hook ends it otherwise, forcibly if it does not stop in time.
 */
public final class BrokerProcess {
  /** System property selecting where embedded clusters run: {@code in-jvm} or {@code process}. */
  public static final String MODE_PROPERTY = "ratings.testkit.broker";

  /**
   * System property with the broker process's class path: a file holding it (as written by
   * maven-dependency-plugin's {@code build-classpath}) or the class path itself; default: this
   * JVM's class path.
   */
  public static final String CLASSPATH_PROPERTY = "ratings.testkit.broker.classpath";

  /** System property with extra JVM options for the broker process, separated by spaces. */
  public static final String JVM_ARGS_PROPERTY = "ratings.testkit.broker.jvmArgs";

  /** The broker process's main class. */
  public static final String MAIN_CLASS = "io.recsys.ratings.testkit.internal.BrokerProcessMain";

  /** Marks the lines of the reply channel on the child's standard output. */
  static final String MARK = "@@ratings-testkit ";

  /** The bound of the child's own start (JVM start and class loading; the machine may be busy). */
  public static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(90);

  private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
  private static final String EOF = "\u0000eof";
  private static final int TAIL_LINES = 40;
  private static BrokerProcess shared;

  private final List<String> command;
  private final Process process;
  private final BufferedWriter commands;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private final Thread shutdownHook;
  private final String kafkaVersion;

  private BrokerProcess(List<String> command) {
    this.command = List.copyOf(command);
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new KafkaTestkitException("could not start the broker process: " + e, e);
    }
    shutdownHook = new Thread(this::stop, "ratings-testkit-broker-process-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    commands =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    PrintStream err = System.err;
    drain(
        process.getInputStream(),
        "stdout",
        line -> {
          if (line.startsWith(MARK)) {
            replies.add(line.substring(MARK.length()));
          } else {
            remember(line);
            err.println(line);
          }
        });
    drain(
        process.getErrorStream(),
        "stderr",
        line -> {
          remember(line);
          err.println(line);
        });
    String hello;
    try {
      hello = reply(LAUNCH_TIMEOUT, "start");
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    if (!hello.startsWith("hello ")) {
      stop();
      throw new KafkaTestkitException("the broker process said '" + hello + "' instead of hello");
    }
    kafkaVersion = hello.substring("hello ".length()).trim();
  }

  /**
   * Whether {@link #MODE_PROPERTY} asks for clusters in a broker process.
   *
   * @return true for {@code process}, false for {@code in-jvm} or unset
   * @throws IllegalArgumentException if the property has another value
   */
  public static boolean enabled() {
    String mode = System.getProperty(MODE_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
    return switch (mode) {
      case "", "in-jvm" -> false;
      case "process" -> true;
      default ->
          throw new IllegalArgumentException(
              "system property "
                  + MODE_PROPERTY
                  + " must be 'in-jvm' or 'process', got '"
                  + mode
                  + "'");
    };
  }

  /**
   * The broker process of this JVM, started on first use (and again if it died, or if the system
   * properties now ask for another class path or other JVM options).
   *
   * @return the running broker process
   * @throws KafkaTestkitException if it does not start within {@link #LAUNCH_TIMEOUT}
   */
  public static synchronized BrokerProcess shared() {
    List<String> command = command();
    if (shared != null && !shared.command.equals(command)) {
      shared.stop();
    }
    if (shared == null || !shared.process.isAlive()) {
      long t0 = System.nanoTime();
      shared = new BrokerProcess(command);
      LOG.info(
          "Broker process (pid {}, Kafka {}) started in {} ms",
          shared.process.pid(),
          shared.kafkaVersion,
          (System.nanoTime() - t0) / 1_000_000);
    }
    return shared;
  }

  private static List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    String extra = System.getProperty(JVM_ARGS_PROPERTY, "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    // Kafka's own INFO logging is noise in test output (slf4j-simple; other bindings ignore these)
    command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn");
    command.add("-Dorg.slf4j.simpleLogger.log.kafka=warn");
    command.add("-Dorg.slf4j.simpleLogger.log.state.change.logger=warn");
    command.add("-cp");
    command.add(classPath());
    command.add(MAIN_CLASS);
    return command;
  }

  /**
   * The broker process's class path from {@link #CLASSPATH_PROPERTY}, else this JVM's.
   *
   * @return the class path
   * @throws KafkaTestkitException if the property names an unreadable file or is empty
   */
  static String classPath() {
    String value = System.getProperty(CLASSPATH_PROPERTY);
    if (value == null) {
      return System.getProperty("java.class.path");
    }
    value = value.trim();
    Path file = Path.of(value);
    boolean listFile =
        !value.contains(java.io.File.pathSeparator)
            && !value.endsWith(".jar")
            && Files.isRegularFile(file);
    if (listFile) {
      try {
        value = Files.readString(file, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new KafkaTestkitException(
            "could not read " + CLASSPATH_PROPERTY + " file " + file, e);
      }
    }
    if (value.isEmpty()) {
      throw new KafkaTestkitException(
          "system property " + CLASSPATH_PROPERTY + " names an empty class path");
    }
    return value;
  }

  /**
   * The Kafka version of the broker process (its kafka-clients jar).
   *
   * @return e.g. {@code 4.3.1}
   */
  public String kafkaVersion() {
    return kafkaVersion;
  }

  /**
   * The operating system's id of the broker process.
   *
   * @return its pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Sends one command and waits for its reply.
   *
   * @param command the command line
   * @param timeout how long to wait for the reply
   * @return the reply's payload after {@code ok}
   * @throws KafkaTestkitException if the command failed (with the child's message), or no reply
   *     came in time (the broker process is then ended, and the next cluster starts a new one)
   */
  public synchronized String call(String command, Duration timeout) {
    String verb = command.split(" ", 2)[0];
    try {
      commands.write(command);
      commands.newLine();
      commands.flush();
    } catch (IOException e) {
      stop();
      throw failure("could not send '" + verb + "' to the broker process: " + e, e);
    }
    String reply = reply(timeout, verb);
    if (reply.startsWith("ok")) {
      return reply.substring(2).trim();
    }
    throw new KafkaTestkitException(
        reply.startsWith("error ") ? reply.substring("error ".length()) : reply);
  }

  private String reply(Duration timeout, String verb) {
    String reply;
    try {
      reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw failure("interrupted while waiting for the broker process", e);
    }
    if (reply == null) {
      stop();
      throw failure(
          "the broker process did not answer '"
              + verb
              + "' within "
              + ClusterOps.seconds(timeout)
              + "; it was ended",
          null);
    }
    if (reply.equals(EOF)) {
      stop();
      throw failure("the broker process ended while answering '" + verb + "'", null);
    }
    return reply;
  }

  private KafkaTestkitException failure(String message, Throwable cause) {
    String lines;
    synchronized (tail) {
      lines = String.join("\n  ", tail);
    }
    return new KafkaTestkitException(
        message
            + (lines.isEmpty() ? "" : "; its last output:\n  " + lines)
            + "\n(class path from "
            + CLASSPATH_PROPERTY
            + " must hold ratings-testkit, Kafka's server jars and their kafka-clients)",
        cause);
  }

  private void remember(String line) {
    synchronized (tail) {
      tail.addLast(line);
      while (tail.size() > TAIL_LINES) {
        tail.removeFirst();
      }
    }
  }

  private void drain(InputStream stream, String name, Consumer<String> sink) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                  sink.accept(line);
                }
              } catch (IOException | UncheckedIOException e) {
                LOG.debug("broker process {} closed: {}", name, e.toString());
              } finally {
                if (name.equals("stdout")) {
                  replies.add(EOF);
                }
              }
            },
            "ratings-testkit-broker-process-" + name);
    t.setDaemon(true);
    t.start();
  }

  /**
   * Ends the broker process: closes its input (it then closes its clusters and exits), waits up to
   * 30 s, then destroys it. Never throws; calling it again does nothing.
   */
  void stop() {
    synchronized (BrokerProcess.class) {
      if (shared == this) {
        shared = null;
      }
    }
    try {
      commands.close();
    } catch (IOException | RuntimeException e) {
      // the process is gone already
    }
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        LOG.warn("broker process (pid {}) did not exit in 30 s; destroying it", process.pid());
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already
      }
    }
  }
}
