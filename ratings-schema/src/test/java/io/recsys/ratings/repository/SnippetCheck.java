package io.recsys.ratings.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every Java block of a Markdown page is a tagged region of a compiled source file.
 *
 * <p>The convention: in the Java source, the region lies between the lines {@code // tag::NAME[]}
 * and {@code // end::NAME[]}; in Markdown, the fenced {@code ```java} block is immediately preceded
 * by the line {@code <!-- snippet: PATH#NAME -->}, PATH being relative to the repository root; and
 * the block equals the region once each side's common leading indentation is removed (trailing
 * spaces do not count). Lines that mark other regions inside a region are not part of it. Blocks in
 * other languages are not checked.
 */
final class SnippetCheck {

  /** A problem found in a Markdown page: where, and what. */
  record Problem(String file, int line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  /** What a check found: its problems and how many Java blocks it compared. */
  record Outcome(List<Problem> problems, int javaBlocks) {}

  private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^\\s`]*).*$");
  private static final Pattern MARKER =
      Pattern.compile("^\\s*<!--\\s*snippet:\\s*([^#\\s]+)#([\\w.-]+)\\s*-->\\s*$");
  private static final Pattern ANY_REGION_LINE =
      Pattern.compile("^\\s*//\\s*(?:tag|end)::[\\w.-]+\\[]\\s*$");

  private final Function<String, Optional<List<String>>> sources;

  /**
   * @param sources the lines of a repository file by its root-relative path, empty if there is no
   *     such file
   */
  SnippetCheck(Function<String, Optional<List<String>>> sources) {
    this.sources = sources;
  }

  /**
   * Checks one page.
   *
   * @param page the page's path (for the messages)
   * @param lines the page's lines
   */
  Outcome check(String page, List<String> lines) {
    List<Problem> problems = new ArrayList<>();
    int javaBlocks = 0;
    for (Block block : blocks(lines)) {
      if (!block.java()) {
        if (block.marker() != null) {
          problems.add(
              new Problem(
                  page,
                  block.fenceLine() - 1,
                  "snippet marker is not followed by a ```java block (found "
                      + quote(lines.get(block.fenceLine() - 1))
                      + ")"));
        }
        continue;
      }
      javaBlocks++;
      if (block.marker() == null) {
        problems.add(
            new Problem(
                page,
                block.fenceLine(),
                "```java block without a `<!-- snippet: PATH#NAME -->` line right before it;"
                    + " Java in the docs must be a tagged region of a compiled test"));
        continue;
      }
      Region region = region(block.marker());
      if (region.problem() != null) {
        problems.add(new Problem(page, block.fenceLine() - 1, region.problem()));
        continue;
      }
      String difference = firstDifference(page, block, region);
      if (difference != null) {
        problems.add(new Problem(page, block.fenceLine(), difference));
      }
    }
    for (Dangling d : danglingMarkers(lines)) {
      problems.add(
          new Problem(page, d.line(), "snippet marker is not followed by a ```java block"));
    }
    return new Outcome(List.copyOf(problems), javaBlocks);
  }

  /**
   * The page with every marked Java block replaced by its region (re-indented like its fence), for
   * bringing the docs up to date after a tagged region changed. Blocks whose region cannot be found
   * are left as they are ({@link #check} reports them).
   */
  List<String> update(List<String> lines) {
    List<String> out = new ArrayList<>(lines);
    List<Block> blocks = blocks(lines);
    for (int b = blocks.size() - 1; b >= 0; b--) { // from the end: earlier indexes stay valid
      Block block = blocks.get(b);
      if (!block.java() || block.marker() == null || block.closeLine() < 0) {
        continue;
      }
      Region region = region(block.marker());
      if (region.problem() != null) {
        continue;
      }
      List<String> replacement = new ArrayList<>();
      for (String l : dedent(region.lines())) {
        replacement.add(l.isEmpty() ? "" : block.indent() + l);
      }
      List<String> body = out.subList(block.fenceLine(), block.closeLine() - 1);
      body.clear();
      body.addAll(replacement);
    }
    return out;
  }

  /** A fenced block: its 1-based opening and closing lines (-1 if never closed) and its marker. */
  private record Block(
      int fenceLine,
      int closeLine,
      String indent,
      boolean java,
      Marker marker,
      List<String> body) {}

  private record Marker(String path, String name) {}

  private record Dangling(int line) {}

  /** A region's lines, the 1-based source line of each, or why there is none. */
  private record Region(List<String> lines, List<Integer> lineNumbers, String problem) {
    static Region missing(String problem) {
      return new Region(null, null, problem);
    }
  }

  private static List<Block> blocks(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        i++;
        continue;
      }
      String indent = open.group(1);
      String fence = open.group(2);
      boolean java = open.group(3).equalsIgnoreCase("java");
      Marker marker = i > 0 ? marker(lines.get(i - 1)) : null;
      int close = -1;
      List<String> body = new ArrayList<>();
      int j = i + 1;
      for (; j < lines.size(); j++) {
        String t = lines.get(j).strip();
        if (t.length() >= fence.length()
            && t.chars().allMatch(c -> c == fence.charAt(0))
            && t.startsWith(fence)) {
          close = j + 1;
          break;
        }
        body.add(lines.get(j));
      }
      blocks.add(new Block(i + 1, close, indent, java, marker, body));
      i = j + 1;
    }
    return blocks;
  }

  /** Markers that are neither inside a block nor right before one. */
  private static List<Dangling> danglingMarkers(List<String> lines) {
    boolean[] covered = new boolean[lines.size() + 2];
    for (Block b : blocks(lines)) {
      int end = b.closeLine() < 0 ? lines.size() : b.closeLine();
      for (int l = b.fenceLine() - 1; l <= end; l++) { // the line before (a marker) included
        covered[l] = true;
      }
    }
    List<Dangling> dangling = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!covered[i + 1] && marker(lines.get(i)) != null) {
        dangling.add(new Dangling(i + 1));
      }
    }
    return dangling;
  }

  private static Marker marker(String line) {
    Matcher m = MARKER.matcher(line);
    return m.matches() ? new Marker(m.group(1), m.group(2)) : null;
  }

  private Region region(Marker marker) {
    String where = marker.path() + "#" + marker.name();
    if (marker.path().startsWith("/") || marker.path().contains("..")) {
      return Region.missing(
          where + ": the path must be relative to the repository root, without ..");
    }
    Optional<List<String>> source = sources.apply(marker.path());
    if (source.isEmpty()) {
      return Region.missing(where + ": no such file " + marker.path());
    }
    List<String> lines = source.get();
    Pattern start =
        Pattern.compile("^\\s*//\\s*tag::" + Pattern.quote(marker.name()) + "\\[]\\s*$");
    Pattern end = Pattern.compile("^\\s*//\\s*end::" + Pattern.quote(marker.name()) + "\\[]\\s*$");
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (start.matcher(lines.get(i)).matches()) {
        if (from >= 0) {
          return Region.missing(where + ": region " + marker.name() + " is tagged more than once");
        }
        from = i;
      } else if (end.matcher(lines.get(i)).matches() && from >= 0 && to < 0) {
        to = i;
      }
    }
    if (from < 0) {
      return Region.missing(
          where
              + ": no region "
              + marker.name()
              + " in "
              + marker.path()
              + " (expected the lines // tag::"
              + marker.name()
              + "[] and // end::"
              + marker.name()
              + "[])");
    }
    if (to < 0) {
      return Region.missing(
          where + ": region " + marker.name() + " has no // end::" + marker.name() + "[]");
    }
    List<String> region = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    for (int i = from + 1; i < to; i++) {
      if (!ANY_REGION_LINE.matcher(lines.get(i)).matches()) {
        region.add(lines.get(i));
        numbers.add(i + 1);
      }
    }
    return new Region(region, numbers, null);
  }

  private static String firstDifference(String page, Block block, Region region) {
    if (block.closeLine() < 0) {
      return "```java block is never closed";
    }
    String where = block.marker().path() + "#" + block.marker().name();
    List<String> doc = dedent(block.body());
    List<String> src = dedent(region.lines());
    int n = Math.min(doc.size(), src.size());
    for (int i = 0; i < n; i++) {
      if (!doc.get(i).equals(src.get(i))) {
        return "block differs from "
            + where
            + " at its line "
            + (i + 1)
            + " ("
            + page
            + ":"
            + (block.fenceLine() + 1 + i)
            + "): the doc has "
            + quote(doc.get(i))
            + ", the source has "
            + quote(src.get(i))
            + " ("
            + block.marker().path()
            + ":"
            + region.lineNumbers().get(i)
            + ")";
      }
    }
    if (doc.size() < src.size()) {
      return "block differs from "
          + where
          + ": the doc ends after "
          + doc.size()
          + " lines, the source goes on with "
          + quote(src.get(n))
          + " ("
          + block.marker().path()
          + ":"
          + region.lineNumbers().get(n)
          + ")";
    }
    if (doc.size() > src.size()) {
      return "block differs from "
          + where
          + ": the source region ends after "
          + src.size()
          + " lines, the doc goes on with "
          + quote(doc.get(n))
          + " ("
          + page
          + ":"
          + (block.fenceLine() + 1 + n)
          + ")";
    }
    return null;
  }

  /** The lines without trailing spaces and without the indentation common to all non-blank ones. */
  static List<String> dedent(List<String> lines) {
    int common = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        int indent = 0;
        while (indent < l.length() && (l.charAt(indent) == ' ' || l.charAt(indent) == '\t')) {
          indent++;
        }
        common = Math.min(common, indent);
      }
    }
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      String t = l.stripTrailing();
      out.add(t.isEmpty() ? "" : t.substring(common));
    }
    return out;
  }

  private static String quote(String line) {
    String t = line.strip();
    return "`" + (t.length() > 120 ? t.substring(0, 117) + "..." : t) + "`";
  }
}
