package io.recsys.ratings.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.testkit.internal.KafkaClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which cluster @WithKafka starts: annotation attribute, then system property, then embedded. */
class WithKafkaTypeSelectionTest {

  @WithKafka
  static class Unspecified {}

  @WithKafka(type = WithKafka.Type.EMBEDDED)
  static class ExplicitlyEmbedded {}

  @WithKafka(type = WithKafka.Type.CONTAINER)
  static class ExplicitlyContainer {}

  @AfterEach
  void clearProperty() {
    System.clearProperty(WithKafka.TYPE_PROPERTY);
  }

  private static WithKafka.Type typeOf(Class<?> annotated) {
    return KafkaClusterExtension.resolveType(annotated.getAnnotation(WithKafka.class));
  }

  @Test
  void embeddedIsTheDefault() {
    assertThat(typeOf(Unspecified.class)).isEqualTo(WithKafka.Type.EMBEDDED);
  }

  @Test
  void systemPropertyPicksTheContainer() {
    System.setProperty(WithKafka.TYPE_PROPERTY, "container");
    assertThat(typeOf(Unspecified.class)).isEqualTo(WithKafka.Type.CONTAINER);
  }

  @Test
  void annotationAttributeWinsOverTheSystemProperty() {
    System.setProperty(WithKafka.TYPE_PROPERTY, "container");
    assertThat(typeOf(ExplicitlyEmbedded.class)).isEqualTo(WithKafka.Type.EMBEDDED);
    System.setProperty(WithKafka.TYPE_PROPERTY, "embedded");
    assertThat(typeOf(ExplicitlyContainer.class)).isEqualTo(WithKafka.Type.CONTAINER);
  }

  @Test
  void unknownSystemPropertyValueIsRejectedWithTheAllowedValues() {
    System.setProperty(WithKafka.TYPE_PROPERTY, "docker");
    assertThatThrownBy(() -> typeOf(Unspecified.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "system property ratings.testkit.kafka must be 'embedded' or 'container', got 'docker'");
  }
}
