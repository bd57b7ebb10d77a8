package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.schema.RecommendationEvent.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationEventTest {

  static final List<RecommendedItem> TWO_ITEMS =
      List.of(new RecommendedItem(318, 4.91), new RecommendedItem(858, 4.87));

  static RecommendationEvent withItems(List<RecommendedItem> items) {
    return new RecommendationEvent(
        44176, Kind.PERSONALIZED, "als-1", 1761763122410L, 1761763121809L, items);
  }

  static List<RecommendedItem> descending(int n) {
    List<RecommendedItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new RecommendedItem(i + 1, 5.0 - i * 0.01));
    }
    return items;
  }

  @Test
  void keepsAnImmutableCopyOfTheItems() {
    List<RecommendedItem> items = new ArrayList<>(TWO_ITEMS);
    RecommendationEvent event = withItems(items);
    items.clear();

    assertThat(event.items()).containsExactlyElementsOf(TWO_ITEMS);
    assertThatThrownBy(() -> event.items().add(new RecommendedItem(1, 1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void acceptsAnEmptyListAndExactlyMaxItems() {
    assertThat(withItems(List.of()).items()).isEmpty();
    assertThat(withItems(descending(RecommendationEvent.MAX_ITEMS)).items())
        .hasSize(RecommendationEvent.MAX_ITEMS);
  }

  @Test
  void rejectsMoreThanMaxItemsNamingTheCountAndTheLimit() {
    assertThatThrownBy(() -> withItems(descending(RecommendationEvent.MAX_ITEMS + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("items holds 101 entries, at most 100 are allowed");
  }

  @Test
  void rejectsNullComponentsAndNullItemsNamingTheIndex() {
    assertThatThrownBy(() -> new RecommendationEvent(1, null, "v", 1, 1, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("kind");
    assertThatThrownBy(() -> new RecommendationEvent(1, Kind.FALLBACK, null, 1, 1, List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("modelVersion");
    assertThatThrownBy(() -> new RecommendationEvent(1, Kind.FALLBACK, "v", 1, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items");
    List<RecommendedItem> withNull = Arrays.asList(new RecommendedItem(1, 2), null);
    assertThatThrownBy(() -> withItems(withNull))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("items[1]");
  }

  @Test
  void holdsValuesThatBreakTheRulesForTheValidatorToJudge() {
    RecommendationEvent bad =
        new RecommendationEvent(
            -1,
            Kind.FALLBACK,
            "",
            0,
            -5,
            List.of(new RecommendedItem(0, Double.NaN), new RecommendedItem(0, 9)));
    assertThat(bad.items()).hasSize(2);
    assertThat(RecommendationValidator.defaults().isValid(bad)).isFalse();
  }

  @Test
  void survivesJavaSerializationAsSparkUsesIt() throws IOException, ClassNotFoundException {
    RecommendationEvent event = withItems(TWO_ITEMS);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(event);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(event);
    }
  }
}
