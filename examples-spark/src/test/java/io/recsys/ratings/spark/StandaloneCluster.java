package io.recsys.ratings.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster of separate processes for tests: a master and workers started with
 * {@code java -cp <spark jars>} from the jars of this module's test class path (no Spark
 * distribution), a {@code SPARK_HOME} whose {@code jars/} links to them, free ports, no web UI.
 * {@link #close()} stops the workers, then the master, by their process handles.
 */
final class StandaloneCluster implements AutoCloseable {
  private final Path home;
  private final List<String> javaOptions;
  private final List<Process> workers = new ArrayList<>();
  private final List<Path> workDirs = new ArrayList<>();
  private Process master;
  private final int masterPort;

  StandaloneCluster(Path dir) throws IOException {
    this.home = dir.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    Set<String> names = new HashSet<>();
    for (Path entry : testClassPath()) {
      String name = entry.getFileName().toString();
      if (!name.endsWith(".jar") || isProjectEntry(entry)) {
        continue; // the job's own jars go in spark.jars, as on a real cluster
      }
      if (!names.add(name)) {
        name = names.size() + "-" + name;
        names.add(name);
      }
      Files.createSymbolicLink(jars.resolve(name), entry.toAbsolutePath());
    }
    this.javaOptions = sparkJavaOptions();
    this.masterPort = freePort();
  }

  /** The master's URL. */
  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The SPARK_HOME (its jars/ holds links to Spark and its dependencies). */
  Path home() {
    return home;
  }

  /** The work directories of the workers. */
  List<Path> workDirs() {
    return workDirs;
  }

  /** Starts the master and {@code n} workers and waits until every worker has registered. */
  void start(int n, Path logs, Duration timeout) throws IOException, InterruptedException {
    Path masterLog = logs.resolve("master.log");
    master =
        launch(
            List.of(
                // no REST submission server (its default port is 6066)
                "-Dspark.master.rest.enabled=false",
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(masterPort),
                "--webui-port",
                Integer.toString(freePort())),
            masterLog);
    for (int i = 0; i < n; i++) {
      Path work = Files.createDirectories(logs.resolve("worker-" + i));
      workDirs.add(work);
      workers.add(
          launch(
              List.of(
                  "org.apache.spark.deploy.worker.Worker",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(freePort()),
                  "--webui-port",
                  Integer.toString(freePort()),
                  "--cores",
                  "1",
                  "--memory",
                  "1g",
                  "--work-dir",
                  work.toString(),
                  masterUrl()),
              logs.resolve("worker-" + i + ".log")));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (registeredWorkers(masterLog) < n) {
      if (System.nanoTime() > deadline || !master.isAlive()) {
        throw new IllegalStateException(
            "the cluster did not come up within "
                + timeout
                + "; master log:\n"
                + tail(masterLog, 40));
      }
      Thread.sleep(250);
    }
  }

  /**
   * Runs {@code java -cp <spark jars> org.apache.spark.deploy.SparkSubmit <args>} (what the {@code
   * spark-submit} script runs) and waits for it.
   *
   * @return the exit status
   */
  int submit(List<String> args, Path log, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("org.apache.spark.deploy.SparkSubmit");
    command.addAll(args);
    Process driver = launch(command, log);
    try {
      if (!driver.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "the driver did not finish within " + timeout + "; its log:\n" + tail(log, 60));
      }
      return driver.exitValue();
    } finally {
      stop(driver);
    }
  }

  private Process launch(List<String> mainAndArgs, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(javaOptions);
    command.add("-cp");
    command.add(home.resolve("jars") + File.separator + "*");
    command.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.remove("SPARK_CONF_DIR");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  @Override
  public void close() {
    for (Process w : workers) {
      stop(w);
    }
    if (master != null) {
      stop(master);
    }
  }

  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(15, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  private static long registeredWorkers(Path masterLog) throws IOException {
    if (!Files.exists(masterLog)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(masterLog, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains("Registering worker")).count();
    }
  }

  static String tail(Path log, int n) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The flags Spark needs on Java 17, as this JVM got them (the module's surefire argLine). */
  static List<String> sparkJavaOptions() {
    List<String> out = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.equals("-XX:+IgnoreUnrecognizedVMOptions")
          || a.startsWith("-Dio.netty.tryReflectionSetAccessible")) {
        out.add(a);
      }
    }
    return out;
  }

  /** This module's and the SDK's own class path entries (they go in spark.jars). */
  static boolean isProjectEntry(Path entry) {
    String s = entry.toAbsolutePath().toString().replace('\\', '/');
    return s.contains("/io/recsys/ratings/")
        || s.contains("/examples-spark/target/")
        || s.matches(".*/ratings-[a-z]+/target/.*");
  }

  /** The test class path, read through surefire's manifest-only jar if it uses one. */
  static List<Path> testClassPath() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (e.isBlank()) {
        continue;
      }
      Path p = Path.of(e);
      if (p.getFileName().toString().startsWith("surefirebooter")) {
        try (JarFile jar = new JarFile(p.toFile())) {
          String cp = jar.getManifest().getMainAttributes().getValue("Class-Path");
          for (String u : cp.trim().split("\\s+")) {
            out.add(Path.of(URI.create(u)));
          }
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** The class path entry that holds a class, as a jar (a classes directory is packed into one). */
  static Path jarOf(Class<?> type, Path dir) throws Exception {
    Path entry = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(entry)) {
      return entry;
    }
    Path jar = dir.resolve(entry.getParent().getParent().getFileName() + ".jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(entry)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        zip.putNextEntry(new JarEntry(entry.relativize(f).toString().replace('\\', '/')));
        try (InputStream in = Files.newInputStream(f)) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    }
    return jar;
  }
}
