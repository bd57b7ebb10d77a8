package io.recsys.ratings.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.recsys.ratings.repository.SnippetCheck.Outcome;
import io.recsys.ratings.repository.SnippetCheck.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The docs cannot rot: every {@code ```java} block in the repository's Markdown pages (README.md,
 * docs/) is a tagged region of a compiled source, and this test fails when one differs from its
 * region, has no snippet marker, or names a file or region that does not exist.
 *
 * <p>After changing a tagged region, bring the pages up to date with {@code ./mvnw -B -ntp -pl
 * ratings-schema test -Dtest=DocSnippetsTest -Ddocs.snippets.update=true}: each marked block is
 * rewritten from its region (problems that need a person, such as a missing region, still fail).
 */
class DocSnippetsTest {

  /** Rewrite the marked blocks from their regions instead of only comparing them. */
  private static final boolean UPDATE = Boolean.getBoolean("docs.snippets.update");

  @Test
  void everyJavaBlockInTheDocsIsATaggedRegionOfACompiledSource() {
    Repository repo = Repository.current();
    SnippetCheck check = new SnippetCheck(path -> lines(repo.root(), path));
    List<String> pages = repo.files().stream().filter(f -> f.endsWith(".md")).toList();
    assertThat(pages).contains("README.md");

    List<Problem> problems = new ArrayList<>();
    int javaBlocks = 0;
    for (String page : pages) {
      List<String> lines = lines(repo.root(), page).orElseThrow();
      if (UPDATE) {
        List<String> updated = check.update(lines);
        if (!updated.equals(lines)) {
          write(repo.root().resolve(page), updated);
          lines = updated;
        }
      }
      Outcome outcome = check.check(page, lines);
      problems.addAll(outcome.problems());
      javaBlocks += outcome.javaBlocks();
    }

    assertThat(javaBlocks).as("```java blocks found in %s", pages).isPositive();
    if (!problems.isEmpty()) {
      fail(
          problems.size()
              + " Java block(s) in the docs do not match the compiled code:\n  "
              + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  "))
              + "\nJava in README.md and docs/ must be a region between `// tag::NAME[]` and"
              + " `// end::NAME[]` of a compiled test, shown in a ```java block right after"
              + " `<!-- snippet: PATH#NAME -->` (see docs/build.md). After changing a region, run"
              + " ./mvnw -B -ntp -pl ratings-schema test -Dtest=DocSnippetsTest"
              + " -Ddocs.snippets.update=true");
    }
  }

  private static Optional<List<String>> lines(Path root, String relative) {
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, List<String> lines) {
    try {
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The check itself, on pages and sources made up here. */
  @Nested
  class TheCheck {
    private final SnippetCheck check =
        new SnippetCheck(
            path ->
                Optional.ofNullable(
                    Map.of(
                            "mod/src/test/java/ExampleTest.java",
                            List.of(
                                "class ExampleTest {",
                                "  void example() {",
                                "    // tag::send[]",
                                "    int answer = 42;",
                                "",
                                "    // tag::inner[]",
                                "    send(answer); // one call",
                                "    // end::inner[]",
                                "    // end::send[]",
                                "    // tag::open[]",
                                "    open();",
                                "  }",
                                "}"))
                        .get(path)));

    private Outcome check(String... page) {
      return check.check("docs/page.md", List.of(page));
    }

    @Test
    void aBlockEqualToItsRegionPasses() {
      Outcome outcome =
          check(
              "Send it:",
              "",
              "<!-- snippet: mod/src/test/java/ExampleTest.java#send -->",
              "```java",
              "int answer = 42;",
              "",
              "send(answer); // one call",
              "```");
      assertThat(outcome.problems()).isEmpty();
      assertThat(outcome.javaBlocks()).isEqualTo(1);
    }

    @Test
    void indentationCommonToTheBlockOrTheRegionDoesNotCount() {
      Outcome outcome =
          check(
              "- in a list item:",
              "  <!-- snippet: mod/src/test/java/ExampleTest.java#inner -->",
              "  ```java",
              "  send(answer); // one call   ",
              "  ```");
      assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void aDifferentLineFailsNamingThePageTheLineAndBothTexts() {
      Outcome outcome =
          check(
              "# Title",
              "<!-- snippet: mod/src/test/java/ExampleTest.java#send -->",
              "```java",
              "int answer = 42;",
              "",
              "send(answer); // two calls",
              "```");
      assertThat(outcome.problems())
          .singleElement()
          .asString()
          .startsWith("docs/page.md:3: block differs from mod/src/test/java/ExampleTest.java#send")
          .contains("at its line 3 (docs/page.md:6)")
          .contains("the doc has `send(answer); // two calls`")
          .contains(
              "the source has `send(answer); // one call` (mod/src/test/java/ExampleTest.java:7)");
    }

    @Test
    void aBlockShorterOrLongerThanItsRegionFails() {
      assertThat(
              check(
                      "<!-- snippet: mod/src/test/java/ExampleTest.java#send -->",
                      "```java",
                      "int answer = 42;",
                      "```")
                  .problems())
          .singleElement()
          .asString()
          .contains("the doc ends after 1 lines, the source goes on with ``");
      assertThat(
              check(
                      "<!-- snippet: mod/src/test/java/ExampleTest.java#inner -->",
                      "```java",
                      "send(answer); // one call",
                      "flush();",
                      "```")
                  .problems())
          .singleElement()
          .asString()
          .contains("the source region ends after 1 lines, the doc goes on with `flush();`");
    }

    @Test
    void aJavaBlockWithoutAMarkerRightBeforeItFails() {
      Outcome outcome =
          check(
              "<!-- snippet: mod/src/test/java/ExampleTest.java#inner -->",
              "",
              "```java",
              "send(answer); // one call",
              "```");
      assertThat(outcome.problems())
          .extracting(Problem::toString)
          .containsExactly(
              "docs/page.md:3: ```java block without a `<!-- snippet: PATH#NAME -->` line right"
                  + " before it; Java in the docs must be a tagged region of a compiled test",
              "docs/page.md:1: snippet marker is not followed by a ```java block");
    }

    @Test
    void aMarkerNamingAMissingFileOrRegionFails() {
      assertThat(
              check(
                      "<!-- snippet: mod/src/test/java/Gone.java#send -->",
                      "```java",
                      "int answer = 42;",
                      "```")
                  .problems())
          .extracting(Problem::toString)
          .containsExactly(
              "docs/page.md:1: mod/src/test/java/Gone.java#send: no such file"
                  + " mod/src/test/java/Gone.java");
      assertThat(
              check(
                      "<!-- snippet: mod/src/test/java/ExampleTest.java#receive -->",
                      "```java",
                      "int answer = 42;",
                      "```")
                  .problems())
          .singleElement()
          .asString()
          .startsWith(
              "docs/page.md:1: mod/src/test/java/ExampleTest.java#receive: no region receive");
      assertThat(
              check(
                      "<!-- snippet: mod/src/test/java/ExampleTest.java#open -->",
                      "```java",
                      "open();",
                      "```")
                  .problems())
          .singleElement()
          .asString()
          .contains("region open has no // end::open[]");
    }

    @Test
    void aMarkerBeforeAnotherLanguageFails() {
      assertThat(
              check(
                      "<!-- snippet: mod/src/test/java/ExampleTest.java#inner -->",
                      "```bash",
                      "ls",
                      "```")
                  .problems())
          .singleElement()
          .asString()
          .startsWith("docs/page.md:1: snippet marker is not followed by a ```java block");
    }

    @Test
    void otherLanguagesAndJavaInsideOtherBlocksAreNotChecked() {
      Outcome outcome =
          check(
              "```bash",
              "./mvnw -B -ntp verify",
              "```",
              "````markdown",
              "```java",
              "not compiled anywhere();",
              "```",
              "````",
              "```",
              "plain text",
              "```");
      assertThat(outcome.problems()).isEmpty();
      assertThat(outcome.javaBlocks()).isZero();
    }

    @Test
    void updateRewritesEachMarkedBlockFromItsRegionKeepingTheFenceIndentation() {
      List<String> page =
          List.of(
              "- item",
              "  <!-- snippet: mod/src/test/java/ExampleTest.java#send -->",
              "  ```java",
              "  int answer = 41;",
              "  ```",
              "<!-- snippet: mod/src/test/java/ExampleTest.java#gone -->",
              "```java",
              "kept();",
              "```");
      List<String> updated = check.update(page);
      assertThat(updated)
          .containsExactly(
              "- item",
              "  <!-- snippet: mod/src/test/java/ExampleTest.java#send -->",
              "  ```java",
              "  int answer = 42;",
              "",
              "  send(answer); // one call",
              "  ```",
              "<!-- snippet: mod/src/test/java/ExampleTest.java#gone -->",
              "```java",
              "kept();",
              "```");
      assertThat(check.check("docs/page.md", updated).problems())
          .singleElement()
          .asString()
          .contains("no region gone");
    }
  }
}
