package io.recsys.ratings.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds text by which the project would speak of how it was built rather than of itself: numbered
 * work sessions or issues (the word {@code session} or {@code issue}, also in the plural, followed
 * by a number or {@code #number}), and absolute paths of a particular machine.
 *
 * <p>Machine paths are absolute paths into the folders {@code work}, {@code root}, {@code home} and
 * {@code Users} at the top of a file system, in every file; and into {@code tmp} in every file but
 * Java sources. Docs and scripts should write to a relative folder (e.g. under {@code target/}); in
 * Java, a literal temporary path is test data (a path a parser is given), and real temporary files
 * come from {@code java.io.tmpdir} or JUnit's {@code @TempDir}. A path counts only where it starts:
 * not inside a longer path, after {@code ~} or {@code .}, or in a URL.
 */
final class SelfReferenceCheck {

  /** A finding: file, 1-based line, and the text found. */
  record Finding(String file, int line, String text, String why) {
    @Override
    public String toString() {
      return file + ":" + line + ": `" + text + "` (" + why + ")";
    }
  }

  private static final Pattern WORK_ITEM =
      Pattern.compile("\\b(?:session|issue)s?(?:\\s+#?|\\s*#)\\d+\\b", Pattern.CASE_INSENSITIVE);

  /** Not preceded by anything that would make it part of a longer path, a URL or a variable. */
  private static final String PATH_START = "(?<![\\w.~/$\\\\-])";

  private static final Pattern MACHINE_PATH =
      Pattern.compile(PATH_START + "/(?:work|root|home|Users)(?![\\w-])");

  private static final Pattern TEMP_PATH = Pattern.compile(PATH_START + "/tmp(?![\\w-])");

  private SelfReferenceCheck() {}

  /**
   * Every finding in one file.
   *
   * @param file the file's root-relative path (its name decides whether {@code /tmp} counts)
   * @param text the file's text
   */
  static List<Finding> scan(String file, String text) {
    boolean java = file.endsWith(".java");
    List<Finding> findings = new ArrayList<>();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      find(findings, file, i + 1, lines[i], WORK_ITEM, false, "a numbered work session or issue");
      find(findings, file, i + 1, lines[i], MACHINE_PATH, true, "an absolute path of a machine");
      if (!java) {
        find(
            findings,
            file,
            i + 1,
            lines[i],
            TEMP_PATH,
            true,
            "an absolute temporary path; use a relative folder such as target/");
      }
    }
    return findings;
  }

  private static void find(
      List<Finding> findings,
      String file,
      int line,
      String text,
      Pattern pattern,
      boolean path,
      String why) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      int end = m.end();
      while (path && end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++; // show the whole path, not just its first folder
      }
      findings.add(new Finding(file, line, text.substring(m.start(), end), why));
    }
  }
}
