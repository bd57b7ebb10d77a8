package io.recsys.ratings.repository;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The source repository these checks run in: its root directory (the one holding {@code mvnw}) and
 * the files it holds. With git, the files are those git tracks plus new ones it does not ignore;
 * without git (an unpacked source archive), every file outside build output and hidden folders.
 */
final class Repository {

  /** Folders never listed by the walk without git: build output, VCS and IDE data. */
  private static final Set<String> SKIPPED_FOLDERS =
      Set.of("target", ".git", ".idea", ".vscode", ".settings", "node_modules");

  private final Path root;

  private Repository(Path root) {
    this.root = root;
  }

  /** The repository around the working directory (Maven runs tests in the module's folder). */
  static Repository current() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw")) && Files.isRegularFile(d.resolve("pom.xml"))) {
        return new Repository(d);
      }
    }
    throw new IllegalStateException("no folder holding mvnw and pom.xml above " + dir);
  }

  /** The repository at the given root (for tests of the listing itself). */
  static Repository at(Path root) {
    return new Repository(root.toAbsolutePath());
  }

  Path root() {
    return root;
  }

  /** Every file of the repository, as a path relative to the root with {@code /} separators. */
  List<String> files() {
    List<String> listed = gitFiles().orElseGet(this::walkedFiles);
    List<String> existing = new ArrayList<>();
    for (String f : listed) {
      if (Files.isRegularFile(root.resolve(f))) { // a tracked file deleted in the working tree
        existing.add(f);
      }
    }
    return existing;
  }

  /**
   * The text of a repository file, or empty if it is not UTF-8 text (a binary file).
   *
   * @param relative a path relative to the root
   */
  Optional<String> text(String relative) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + relative, e);
    }
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private Optional<List<String>> gitFiles() {
    if (!Files.exists(root.resolve(".git"))) {
      return Optional.empty();
    }
    try {
      Process git =
          new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
              .directory(root.toFile())
              .redirectErrorStream(false)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] out;
      try (InputStream in = git.getInputStream()) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        out = buffer.toByteArray();
      }
      if (!git.waitFor(60, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return Optional.empty();
      }
      if (git.exitValue() != 0) {
        return Optional.empty();
      }
      Set<String> files = new TreeSet<>();
      for (String f : new String(out, StandardCharsets.UTF_8).split("\0")) {
        if (!f.isEmpty()) {
          files.add(f);
        }
      }
      return files.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(files));
    } catch (IOException e) { // no git on this machine
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing files with git", e);
    }
  }

  private List<String> walkedFiles() {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .map(root::relativize)
          .filter(this::notSkipped)
          .map(p -> p.toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files under " + root, e);
    }
  }

  private boolean notSkipped(Path relative) {
    for (int i = 0; i < relative.getNameCount() - 1; i++) { // folders only, not the file name
      String folder = relative.getName(i).toString();
      boolean hiddenButOurs = folder.equals(".ci") || folder.equals(".mvn");
      if (SKIPPED_FOLDERS.contains(folder) || (folder.startsWith(".") && !hiddenButOurs)) {
        return false;
      }
    }
    return true;
  }
}
