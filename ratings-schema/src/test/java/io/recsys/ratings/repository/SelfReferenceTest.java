package io.recsys.ratings.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.recsys.ratings.repository.SelfReferenceCheck.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The project speaks of itself alone: no file of the repository (sources, tests, docs, build files
 * and scripts) mentions numbered work sessions or issues, or absolute paths of the machine it was
 * written on. See {@link SelfReferenceCheck} for what counts.
 */
class SelfReferenceTest {

  @Test
  void noFileOfTheRepositoryMentionsWorkSessionsIssueNumbersOrMachinePaths() {
    Repository repo = Repository.current();
    List<String> files = repo.files();
    assertThat(files)
        .contains(
            "README.md",
            "pom.xml",
            ".ci/run",
            "ratings-schema/src/test/java/io/recsys/ratings/repository/SelfReferenceTest.java");

    List<Finding> findings = new ArrayList<>();
    int scanned = 0;
    for (String file : files) {
      Optional<String> text = repo.text(file);
      if (text.isPresent()) {
        scanned++;
        findings.addAll(SelfReferenceCheck.scan(file, text.get()));
      }
    }

    assertThat(scanned).as("text files scanned").isGreaterThan(100);
    if (!findings.isEmpty()) {
      fail(
          findings.size()
              + " place(s) where the project speaks of how it was built rather than of itself:\n  "
              + findings.stream().map(Finding::toString).collect(Collectors.joining("\n  "))
              + "\nWrite for users of a released library: what the code does and why, not which"
              + " session or issue changed it; paths relative to the repository, not a machine's.");
    }
  }

  /** The rules themselves, on made-up text (assembled so that this file does not trip them). */
  @Nested
  class TheRules {

    private List<String> found(String file, String text) {
      return SelfReferenceCheck.scan(file, text).stream().map(Finding::text).toList();
    }

    private String joined(String... parts) {
      return String.join("", parts);
    }

    @Test
    void numberedSessionsAndIssuesAreFoundInAnyFileAndCase() {
      String text =
          joined(
              "Changed (Session ",
              "3, issue ",
              "7)\n",
              "see issue #",
              "12 and issue#",
              "4; sessions ",
              "6 and 7");
      assertThat(SelfReferenceCheck.scan("CHANGELOG.md", text))
          .extracting(Finding::line, Finding::text)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, joined("Session ", "3")),
              org.assertj.core.groups.Tuple.tuple(1, joined("issue ", "7")),
              org.assertj.core.groups.Tuple.tuple(2, joined("issue #", "12")),
              org.assertj.core.groups.Tuple.tuple(2, joined("issue#", "4")),
              org.assertj.core.groups.Tuple.tuple(2, joined("sessions ", "6")));
      assertThat(found("src/main/java/A.java", joined("// tried in session ", "8")))
          .containsExactly(joined("session ", "8"));
    }

    @Test
    void wordsWithoutANumberAreNotFound() {
      assertThat(
              found(
                  "docs/spark.md",
                  joined(
                      "the Spark session fails; session.timeout.ms=45000; known issues; session",
                      "2 = x; an issue, 3 days later")))
          .isEmpty();
    }

    @Test
    void machinePathsAreFoundInDocsBuildFilesAndJava() {
      String work = joined("/", "work/notes/readme.md");
      String root = joined("/", "root/.m2");
      String home = joined("/", "home/alice/data.csv");
      assertThat(found("README.md", "see " + work + " and `" + root + "`"))
          .containsExactly(work, root + "`");
      assertThat(found("pom.xml", "<dir>" + home + "</dir>")).containsExactly(home + "</dir>");
      assertThat(found("src/test/java/T.java", "// copied to " + work)).containsExactly(work);
      assertThat(found("run.sh", "cd " + joined("/", "work"))).hasSize(1);
    }

    @Test
    void temporaryPathsAreFoundOutsideJavaOnly() {
      String tmp = joined("/", "tmp/jfr/");
      assertThat(found("docs/performance.md", "filename=" + tmp)).containsExactly(tmp);
      assertThat(found("benchmarks/run-harness.sh", "OUT=" + tmp)).containsExactly(tmp);
      assertThat(found(".ci/run", "cd " + joined("/", "tmp"))).hasSize(1);
      assertThat(found("src/test/java/ParseTest.java", "parse(\"--checkpoint\", \"" + tmp + "\")"))
          .isEmpty();
      assertThat(
              found(
                  "src/main/java/Files.java",
                  "Path dir = Path.of(System.getProperty(\"java.io.tmpdir\"));"))
          .isEmpty();
    }

    @Test
    void pathsInsideLongerPathsOrUrlsAreNotMachinePaths() {
      assertThat(
              found(
                  "docs/spark.md",
                  "hdfs://"
                      + joined("/", "tmp/cp")
                      + " src"
                      + joined("/", "work/x")
                      + " https://example.org"
                      + joined("/", "home/")
                      + " ."
                      + joined("/", "tmp/x")
                      + " ~"
                      + joined("/", "work")
                      + " $HOME"
                      + joined("/", "x")
                      + " target/tmp/x /temporary /workspace"))
          .isEmpty();
    }
  }
}
