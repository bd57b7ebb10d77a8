package io.recsys.ratings.client.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void userKeyIsTheDecimalString() {
    for (int id : new int[] {0, 1, 9, 10, 99, 138493, -7, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      assertThat(new String(Keys.userKey(id), StandardCharsets.UTF_8))
          .isEqualTo(Integer.toString(id));
    }
  }
}
