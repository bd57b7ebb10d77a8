package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class RatingEventTest {

  @Test
  void survivesJavaSerializationAsSparkShipsIt() throws Exception {
    RatingEvent event = new RatingEvent(44176, 21373, 3.5, 1761763121809L);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(event);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(event);
    }
  }

  @Test
  void holdsAnyValuesWithoutThrowing() {
    RatingEvent odd = new RatingEvent(-1, Integer.MAX_VALUE, Double.NaN, Long.MIN_VALUE);
    assertThat(odd.rating()).isNaN();
    assertThat(odd).isEqualTo(new RatingEvent(-1, Integer.MAX_VALUE, Double.NaN, Long.MIN_VALUE));
  }
}
