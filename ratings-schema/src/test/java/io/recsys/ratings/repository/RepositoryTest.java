package io.recsys.ratings.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryTest {

  @Test
  void theRootIsTheFolderHoldingTheMavenWrapperAboveTheModule() {
    Repository repo = Repository.current();
    assertThat(repo.root().resolve("mvnw")).isRegularFile();
    assertThat(repo.root().resolve("ratings-schema/pom.xml")).isRegularFile();
  }

  @Test
  void withoutGitEveryFileOutsideBuildOutputAndHiddenFoldersIsListed(@TempDir Path root)
      throws IOException {
    for (String f :
        new String[] {
          "mvnw",
          "pom.xml",
          "README.md",
          ".ci/run",
          ".mvn/wrapper/maven-wrapper.properties",
          "mod/src/main/java/A.java",
          "mod/target/classes/A.class",
          "target/x.txt",
          ".idea/workspace.xml",
          ".hidden/notes.md"
        }) {
      Path file = root.resolve(f);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "text", StandardCharsets.UTF_8);
    }

    assertThat(Repository.at(root).files())
        .containsExactly(
            ".ci/run",
            ".mvn/wrapper/maven-wrapper.properties",
            "README.md",
            "mod/src/main/java/A.java",
            "mvnw",
            "pom.xml");
  }

  @Test
  void binaryFilesHaveNoText(@TempDir Path root) throws IOException {
    Files.write(root.resolve("a.bin"), new byte[] {'P', 'K', 3, 4, 0, 1});
    Files.write(root.resolve("b.bin"), new byte[] {(byte) 0xC3, (byte) 0x28});
    Files.writeString(root.resolve("c.md"), "caf\u00e9", StandardCharsets.UTF_8);

    Repository repo = Repository.at(root);
    assertThat(repo.text("a.bin")).isEmpty();
    assertThat(repo.text("b.bin")).isEmpty();
    assertThat(repo.text("c.md")).contains("caf\u00e9");
  }
}
