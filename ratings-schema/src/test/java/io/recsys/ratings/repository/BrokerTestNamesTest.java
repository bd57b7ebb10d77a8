package io.recsys.ratings.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.recsys.ratings.repository.BrokerTestNames.Finding;
import io.recsys.ratings.repository.BrokerTestNames.Result;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One naming convention for broker tests: every test class of the repository that needs a real
 * broker ({@code @IntegrationTest}, {@code @WithKafka} or the tag {@code "integration"}) is named
 * {@code *IntegrationTest}, and no other class is. See {@link BrokerTestNames} for what counts.
 */
class BrokerTestNamesTest {

  @Test
  void everyBrokerTestAndOnlyABrokerTestIsNamedIntegrationTest() {
    Result result = BrokerTestNames.scan(Repository.current());

    assertThat(result.testSources()).as("test sources judged").isGreaterThan(100);
    assertThat(result.namedAsBrokerTests()).as("broker tests found").isGreaterThan(20);
    if (!result.findings().isEmpty()) {
      fail(
          result.findings().size()
              + " test class(es) break the naming rule for broker tests:\n  "
              + result.findings().stream()
                  .map(Finding::toString)
                  .collect(Collectors.joining("\n  "))
              + "\nA test class that needs a real broker (@IntegrationTest, @WithKafka, tag"
              + " \"integration\") is named *IntegrationTest, and no other class is; the build"
              + " selects broker tests by tag, the name tells a reader which tests need a broker.");
    }
  }

  /** The rule itself, on made-up sources. */
  @Nested
  class TheRule {

    private static final String PATH = "mod/src/test/java/io/example/";

    private Optional<Finding> check(String name, String... lines) {
      return BrokerTestNames.check(PATH + name + ".java", String.join("\n", lines));
    }

    @Test
    void aBrokerTestNamedIntegrationTestPasses() {
      assertThat(
              check(
                  "RoundTripIntegrationTest",
                  "package io.example;",
                  "",
                  "import io.recsys.ratings.testkit.IntegrationTest;",
                  "import io.recsys.ratings.testkit.WithKafka;",
                  "",
                  "/** Round trip. */",
                  "@IntegrationTest",
                  "@WithKafka(brokers = 3, brokerConfig = {\"a=b\"})",
                  "class RoundTripIntegrationTest {",
                  "  @Test void roundTrip() {}",
                  "}"))
          .isEmpty();
    }

    @Test
    void aClassCarryingAnyBrokerMarkerMustBeNamedIntegrationTest() {
      for (String marker :
          new String[] {
            "@IntegrationTest",
            "@WithKafka",
            "@WithKafka(type = WithKafka.Type.CONTAINER)",
            "@io.recsys.ratings.testkit.IntegrationTest",
            "@Tag(\"integration\")",
            "@Tag(value = \"integration\")",
            "@Tag(IntegrationTest.TAG)"
          }) {
        Optional<Finding> finding =
            check(
                "RoundTripBrokerTest",
                "package io.example;",
                marker,
                "class RoundTripBrokerTest {}");
        assertThat(finding).as(marker).isPresent();
        assertThat(finding.get().file()).isEqualTo(PATH + "RoundTripBrokerTest.java");
        assertThat(finding.get().problem())
            .contains("RoundTripBrokerTest")
            .contains("rename it to RoundTripIntegrationTest");
      }
    }

    @Test
    void aBrokerTestMethodOrNestedClassInsideMakesTheClassABrokerTest() {
      assertThat(
              check(
                  "MixedTest",
                  "class MixedTest {",
                  "  @Test void unit() {}",
                  "  @IntegrationTest @Test void withBroker() {}",
                  "}"))
          .isPresent();
      assertThat(
              check(
                  "MixedTest",
                  "class MixedTest {",
                  "  @Nested @Tag(\"integration\") class Broker {}",
                  "}"))
          .isPresent();
    }

    @Test
    void aClassNamedIntegrationTestWithoutAMarkerFails() {
      Optional<Finding> finding =
          check(
              "ParserIntegrationTest",
              "package io.example;",
              "@Tag(\"slow\")",
              "class ParserIntegrationTest {",
              "  @Test void parses() {}",
              "}");
      assertThat(finding).isPresent();
      assertThat(finding.get().problem()).contains("is not a broker test");
    }

    @Test
    void markersInCommentsStringsOrOnNestedDataClassesDoNotCount() {
      assertThat(
              check(
                  "AnnotationTest",
                  "/** Reads {@code @IntegrationTest} and @WithKafka. */",
                  "class AnnotationTest {",
                  "  // @IntegrationTest",
                  "  /* @Tag(\"integration\") */",
                  "  @WithKafka static class Unspecified {}",
                  "  String source = \"@IntegrationTest class X {}\";",
                  "  String block = \"\"\"",
                  "      @Tag(\"integration\")",
                  "      \"\"\";",
                  "  @Test void reads() { assertThat(IntegrationTest.TAG).isEqualTo(\"integration\"); }",
                  "}"))
          .isEmpty();
    }

    @Test
    void anAnnotationOnAnEarlierTopLevelTypeDoesNotCount() {
      assertThat(
              check(
                  "HelperTest",
                  "@IntegrationTest",
                  "class Other {}",
                  "class HelperTest {",
                  "  @Test void unit() {}",
                  "}"))
          .isEmpty();
    }

    @Test
    void onlyTestSourcesAreJudged() {
      assertThat(BrokerTestNames.applies("ratings-client/src/test/java/a/b/XIntegrationTest.java"))
          .isTrue();
      assertThat(BrokerTestNames.applies("ratings-testkit/src/main/java/a/IntegrationTest.java"))
          .isFalse();
      assertThat(BrokerTestNames.applies("docs/testkit.md")).isFalse();
    }
  }
}
