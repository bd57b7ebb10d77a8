package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Proves that codec, validator, CSV reader and schema resource work with no Jackson on the class
 * path (as in a Spark job that brings its own, or none): loads this module's compiled classes into
 * a class loader whose parent is the JDK's platform loader, so neither Jackson nor any other
 * dependency is visible, and runs {@link NoJacksonProbe} there.
 */
class NoJacksonClasspathTest {

  @Test
  void codecValidatorAndCsvWorkWithoutJackson() throws Exception {
    URL mainClasses = RatingCodec.class.getProtectionDomain().getCodeSource().getLocation();
    URL testClasses = NoJacksonProbe.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader isolated =
        new URLClassLoader(
            "no-jackson",
            new URL[] {mainClasses, testClasses},
            ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(
              () -> Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, isolated))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> probeClass = Class.forName(NoJacksonProbe.class.getName(), true, isolated);
      assertThat(probeClass.getClassLoader()).isSameAs(isolated);
      @SuppressWarnings("unchecked")
      Supplier<String> probe = (Supplier<String>) probeClass.getDeclaredConstructor().newInstance();
      assertThat(probe.get())
          .isEqualTo(
              "jackson=absent"
                  + " encode={\"userId\":44176,\"movieId\":21373,\"rating\":3.5,"
                  + "\"timestamp\":1761763121809}"
                  + " decode=true malformed=MALFORMED violations=4 csv=[Parsed, Bad]"
                  + " schema=true loader=true");
    }
  }

  @Test
  void theJacksonModuleIsTheOnlyClassThatNeedsJackson() throws Exception {
    URL mainClasses = RatingCodec.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader isolated =
        new URLClassLoader(
            "no-jackson", new URL[] {mainClasses}, ClassLoader.getPlatformClassLoader())) {
      // Loading (and linking) the module class fails without Jackson: it really is optional.
      assertThatThrownBy(
              () ->
                  Class.forName(
                      "io.recsys.ratings.schema.jackson.RatingJacksonModule", true, isolated))
          .isInstanceOf(NoClassDefFoundError.class);
    }
  }
}
