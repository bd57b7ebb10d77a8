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
 * Test scope is not transitive: this module repeats ratings-client's test dependencies, and fails
 * here, with their names, when ratings-client gains one that it lacks.
 */
class TestDependenciesTest {

  @Test
  void everyTestDependencyOfRatingsClientIsDeclaredHere() throws Exception {
    Set<String> client = testDependencies(Path.of(System.getProperty("ratings.compat.client.pom")));
    Set<String> here = testDependencies(Path.of(System.getProperty("ratings.compat.pom")));
    assertThat(client).isNotEmpty();
    assertThat(here)
        .as("test dependencies of ratings-client missing in compat/kafka-clients-3.9/pom.xml")
        .containsAll(client);
  }

  private static Set<String> testDependencies(Path pom) throws Exception {
    Element project =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(pom.toFile())
            .getDocumentElement();
    Set<String> found = new TreeSet<>();
    NodeList dependencies = project.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element d = (Element) dependencies.item(i);
      boolean managed =
          ((Element) d.getParentNode().getParentNode()).getTagName().equals("dependencyManagement");
      if (!managed && "test".equals(text(d, "scope")) && !"test-jar".equals(text(d, "type"))) {
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
