package io.recsys.ratings.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NotOnKafkaClients39Test {

  @Test
  void everyExcludedTestExists() throws Exception {
    for (String key : NotOnKafkaClients39.EXCLUDED.keySet()) {
      String[] parts = key.split("#");
      Class<?> type = Class.forName(parts[0]);
      if (parts.length == 2) {
        assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName))
            .as("test methods of %s", type.getName())
            .contains(parts[1]);
      }
    }
  }
}
