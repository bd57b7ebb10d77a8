package io.recsys.ratings.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming rule for test classes: a class that needs a real broker is named {@code
 * *IntegrationTest}, and only such a class is. A test class needs a broker when the class carries
 * the testkit's {@code @IntegrationTest} or {@code @WithKafka}, or the JUnit tag {@code
 * "integration"} ({@code @Tag("integration")} or {@code @Tag(IntegrationTest.TAG)}); a test method
 * or nested class inside it with {@code @IntegrationTest} or that tag makes it one too (it runs in
 * the integration phase). {@code @WithKafka} on a nested class counts only on the class itself:
 * tests of the annotation put it on nested classes as data.
 *
 * <p>Only the top-level class named like its file is judged; comments and string literals are not
 * read (so a test may hold made-up sources). A class inheriting the tag from an annotated base
 * class is not seen.
 */
final class BrokerTestNames {

  /** The suffix of every broker test class and of no other. */
  static final String SUFFIX = "IntegrationTest";

  /** A file that breaks the rule: its path and what is wrong. */
  record Finding(String file, String problem) {
    @Override
    public String toString() {
      return file + ": " + problem;
    }
  }

  private static final String QUALIFIER = "(?:[\\w$]+\\s*\\.\\s*)*";

  private static final Pattern BROKER_ON_CLASS =
      Pattern.compile(
          "@\\s*"
              + QUALIFIER
              + "(?:IntegrationTest|WithKafka)\\b(?!\\s*\\.)"
              + "|@\\s*"
              + QUALIFIER
              + "Tag\\s*\\(\\s*(?:value\\s*=\\s*)?(?:\"integration\"|"
              + QUALIFIER
              + "IntegrationTest\\s*\\.\\s*TAG)\\s*\\)");

  private static final Pattern BROKER_INSIDE =
      Pattern.compile(
          "@\\s*"
              + QUALIFIER
              + "IntegrationTest\\b(?!\\s*\\.)"
              + "|@\\s*"
              + QUALIFIER
              + "Tag\\s*\\(\\s*(?:value\\s*=\\s*)?(?:\"integration\"|"
              + QUALIFIER
              + "IntegrationTest\\s*\\.\\s*TAG)\\s*\\)");

  /** The tag of broker tests as a literal, kept when literals are blanked. */
  private static final String TAG_LITERAL = "\"integration\"";

  private static final Pattern TEST_SOURCE = Pattern.compile("(?:^|/)src/test/java/.+\\.java$");

  private BrokerTestNames() {}

  /** Whether the rule applies to a repository file: a Java source under {@code src/test/java}. */
  static boolean applies(String file) {
    return TEST_SOURCE.matcher(file).find();
  }

  /**
   * Judges one test source.
   *
   * @param file its path in the repository, {@code /}-separated
   * @param text its content
   * @return what breaks the rule, if anything
   */
  static Optional<Finding> check(String file, String text) {
    String name = file.substring(file.lastIndexOf('/') + 1, file.length() - ".java".length());
    if (name.equals("package-info") || name.equals("module-info")) {
      return Optional.empty();
    }
    String code = withoutCommentsAndLiterals(text);
    Matcher decl =
        Pattern.compile("\\b(?:class|interface|enum|record)\\s+" + Pattern.quote(name) + "\\b")
            .matcher(code);
    if (!decl.find()) {
      return Optional.empty(); // no class of the file's name: not a test class
    }
    String header = code.substring(headerStart(code, decl.start()), decl.start());
    String body = code.substring(decl.end());
    boolean onClass = BROKER_ON_CLASS.matcher(header).find();
    boolean inside = BROKER_INSIDE.matcher(body).find();
    boolean named = name.endsWith(SUFFIX);
    if ((onClass || inside) && !named) {
      return Optional.of(
          new Finding(
              file,
              name
                  + (onClass ? " is a broker test" : " holds broker tests")
                  + " (@IntegrationTest, @WithKafka or tag \"integration\") but is not"
                  + " named *"
                  + SUFFIX
                  + "; rename it to "
                  + suggested(name)));
    }
    if (named && !onClass && !inside) {
      return Optional.of(
          new Finding(
              file,
              name
                  + " is named *"
                  + SUFFIX
                  + " but is not a broker test: annotate it with @IntegrationTest (and @WithKafka"
                  + " for a broker) or give it a name that does not end with "
                  + SUFFIX));
    }
    return Optional.empty();
  }

  private static String suggested(String name) {
    String base = name;
    for (String end : List.of("BrokerTest", "Test", "IT")) {
      if (base.endsWith(end)) {
        base = base.substring(0, base.length() - end.length());
        break;
      }
    }
    return base + SUFFIX;
  }

  /**
   * Where the annotations and modifiers of the declaration at {@code declStart} begin: after the
   * package and import statements and after any top-level type before it.
   */
  private static int headerStart(String code, int declStart) {
    int start = 0;
    int braces = 0;
    int parens = 0;
    for (int i = 0; i < declStart; i++) {
      char c = code.charAt(i);
      switch (c) {
        case '(' -> parens++;
        case ')' -> parens--;
        case '{' -> braces += parens == 0 ? 1 : 0;
        case '}' -> {
          if (parens == 0 && --braces == 0) {
            start = i + 1;
          }
        }
        case ';' -> {
          if (parens == 0 && braces == 0) {
            start = i + 1;
          }
        }
        default -> {}
      }
    }
    return start;
  }

  /**
   * The source with comments, string, text-block and character literals replaced by spaces (line
   * breaks kept), so that only code is matched; only the literal {@code "integration"} is kept.
   */
  static String withoutCommentsAndLiterals(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      int end;
      if (text.startsWith("//", i)) {
        end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
      } else if (text.startsWith("/*", i)) {
        end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
      } else if (text.startsWith("\"\"\"", i)) {
        end = closing(text, i + 3, "\"\"\"");
      } else if (c == '"') {
        end = closing(text, i + 1, "\"");
        if (text.startsWith(TAG_LITERAL, i) && end == i + TAG_LITERAL.length()) {
          out.append(TAG_LITERAL); // the one literal the rule reads: the tag's name
          i = end;
          continue;
        }
      } else if (c == '\'') {
        end = closing(text, i + 1, "'");
      } else {
        out.append(c);
        i++;
        continue;
      }
      blank(out, text, i, end);
      i = end;
    }
    return out.toString();
  }

  /** The index after the closing delimiter, skipping escaped characters. */
  private static int closing(String text, int from, String delimiter) {
    int i = from;
    while (i < text.length()) {
      if (text.charAt(i) == '\\') {
        i += 2;
      } else if (text.startsWith(delimiter, i)) {
        return i + delimiter.length();
      } else if (delimiter.length() == 1 && text.charAt(i) == '\n') {
        return i; // unterminated: stop at the line end
      } else {
        i++;
      }
    }
    return text.length();
  }

  private static void blank(StringBuilder out, String text, int from, int to) {
    for (int i = from; i < to; i++) {
      out.append(text.charAt(i) == '\n' ? '\n' : ' ');
    }
  }

  /**
   * Judges every test source of a repository.
   *
   * @param repo the repository
   * @return the files that break the rule, and how many test sources were judged
   */
  static Result scan(Repository repo) {
    List<Finding> findings = new ArrayList<>();
    int judged = 0;
    int broker = 0;
    for (String file : repo.files()) {
      if (!applies(file)) {
        continue;
      }
      Optional<String> text = repo.text(file);
      if (text.isEmpty()) {
        continue;
      }
      judged++;
      if (file.endsWith(SUFFIX + ".java")) {
        broker++;
      }
      check(file, text.get()).ifPresent(findings::add);
    }
    return new Result(findings, judged, broker);
  }

  /** What a scan found. */
  record Result(List<Finding> findings, int testSources, int namedAsBrokerTests) {}
}
