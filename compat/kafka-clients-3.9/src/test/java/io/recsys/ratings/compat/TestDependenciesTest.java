package io.recsys.ratings.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Test, provided and optional dependencies are not transitive: this module repeats those of
 * ratings-client, and fails here, with their names, when ratings-client gains one that it lacks.
 */
class TestDependenciesTest {

  @Test
  void everyNonTransitiveDependencyOfRatingsClientIsDeclaredHere() throws Exception {
    Set<String> client =
        dependencies(Path.of(System.getProperty("ratings.compat.client.pom")), true);
    Set<String> here = dependencies(Path.of(System.getProperty("ratings.compat.pom")), false);
    assertThat(client).contains("org.junit.jupiter:junit-jupiter");
    assertThat(here)
        .as(
            "test, provided or optional dependencies of ratings-client missing in"
                + " compat/kafka-clients-3.9/pom.xml")
        .containsAll(client);
  }

  /** The dependencies of a POM: all, or only those its dependents do not inherit. */
  private static Set<String> dependencies(Path pom, boolean notTransitiveOnly) throws Exception {
    Element project =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(pom.toFile())
            .getDocumentElement();
    Set<String> found = new TreeSet<>();
    NodeList dependencies = project.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element d = (Element) dependencies.item(i);
      // only the project's own dependencies (not managed ones, not those of plugins)
      boolean own = d.getParentNode().getParentNode() == project;
      String scope = text(d, "scope");
      boolean notTransitive =
          "test".equals(scope) || "provided".equals(scope) || "true".equals(text(d, "optional"));
      if (own && !"test-jar".equals(text(d, "type")) && (notTransitive || !notTransitiveOnly)) {
        found.add(text(d, "groupId") + ":" + text(d, "artifactId"));
      }
    }
    return found;
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }
}
