package io.recsys.ratings.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class RateLimitedWarnTest {

  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  /** A logger that keeps the format and first argument of each WARN call. */
  private final Logger log =
      (Logger)
          Proxy.newProxyInstance(
              Logger.class.getClassLoader(),
              new Class<?>[] {Logger.class},
              (proxy, method, args) -> {
                if (method.getName().equals("warn")) {
                  Object first = args.length > 1 ? args[1] : null;
                  if (first instanceof Object[] array) {
                    first = array.length > 0 ? array[0] : null;
                  }
                  lines.add(args[0] + " | " + first);
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
              });

  @Test
  void logsTheBurstThenHoldsBackAndCountsWhatItHeldBackWhenTheWindowIsOver() throws Exception {
    RateLimitedWarn warn = new RateLimitedWarn(log, 2, 200, TimeUnit.MILLISECONDS);
    for (int i = 0; i < 10; i++) {
      warn.warn("failure {}", i);
    }
    assertThat(lines).containsExactly("failure {} | 0", "failure {} | 1");
    Thread.sleep(250); // past the window: the next line goes out with the count held back
    warn.warn("failure {}", 10);
    assertThat(lines)
        .hasSize(4)
        .element(2)
        .asString()
        .startsWith("{} similar warning(s) were not logged in the last {} s | 8");
    assertThat(lines.get(3)).isEqualTo("failure {} | 10");
  }

  @Test
  void manyThreadsNeverGetMoreThanTheBurstThrough() throws Exception {
    RateLimitedWarn warn = new RateLimitedWarn(log, 3, 1, TimeUnit.HOURS);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 1_000; i++) {
                  warn.warn("x {}", i);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(lines).hasSize(3);
  }

  @Test
  void refusesAnEmptyBurstOrWindow() {
    assertThatThrownBy(() -> new RateLimitedWarn(log, 0, 1, TimeUnit.SECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("burst");
    assertThatThrownBy(() -> new RateLimitedWarn(log, 1, 0, TimeUnit.SECONDS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
