package io.recsys.ratings.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

/**
 * Marks a test class or method that needs a real broker: JUnit tag {@value #TAG} (run in the {@code
 * integration-test} phase, skipped with {@code -DskipITs}) and a timeout of {@value
 * #TIMEOUT_SECONDS} s per test method, so a hung broker fails the test instead of the build.
 *
 * <p>The timeout covers each test and lifecycle method, not the cluster start of {@link WithKafka}
 * (which has its own bound). Tests that legitimately need longer put their own {@code @Timeout} on
 * the method, which wins.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(IntegrationTest.TAG)
@Timeout(value = IntegrationTest.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
public @interface IntegrationTest {
  /** The JUnit tag of broker tests. */
  String TAG = "integration";

  /** Timeout of each test method, in seconds. */
  long TIMEOUT_SECONDS = 120;
}
