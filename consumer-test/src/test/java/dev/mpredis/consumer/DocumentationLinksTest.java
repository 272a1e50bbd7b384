package dev.mpredis.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Markdown a reader meets in the repository (README.md, CHANGELOG.md and everything under
 * docs/) points only at what the repository has: every relative link names a file or directory that
 * exists, every {@code #anchor} a heading of its target, and prose names no {@code .md} file that
 * is not there. Links with a scheme ({@code https:}, {@code mailto:}) are not followed.
 */
@Tag("unit")
class DocumentationLinksTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** {@code [text](target)} or {@code [text](target "title")}; the text may span lines. */
  private static final Pattern INLINE_LINK =
      Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

  /** {@code [label]: target} at the start of a line. */
  private static final Pattern REFERENCE_LINK =
      Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");

  /** A path-like word ending in {@code .md}, as prose names a file. */
  private static final Pattern MARKDOWN_NAME =
      Pattern.compile("(?<![\\w/.-])([\\w.-]+(?:/[\\w.-]+)*\\.md)(?![\\w-])");

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Pattern FENCE =
      Pattern.compile("(?ms)^ {0,3}(```|~~~).*?^ {0,3}\\1[^\\n]*$");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
  private static final Pattern HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+(.+?)[ \\t#]*$");

  @Test
  void relativeLinks_nameFilesAndHeadingsThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      String prose = prose(Files.readString(page, StandardCharsets.UTF_8));
      for (String target : targets(prose)) {
        if (SCHEME.matcher(target).find()) {
          continue;
        }
        String problem = problem(page, target);
        if (problem != null) {
          broken.add(ROOT.relativize(page) + ": (" + target + ") " + problem);
        }
      }
    }
    assertThat(broken).as("broken relative links").isEmpty();
  }

  @Test
  void prose_namesOnlyMarkdownFilesThatExist() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path page : pages()) {
      String prose = prose(Files.readString(page, StandardCharsets.UTF_8));
      prose = INLINE_LINK.matcher(prose).replaceAll("]");
      Matcher name = MARKDOWN_NAME.matcher(prose);
      while (name.find()) {
        String file = name.group(1);
        if (!Files.exists(page.resolveSibling(file)) && !Files.exists(ROOT.resolve(file))) {
          missing.add(ROOT.relativize(page) + " names " + file);
        }
      }
    }
    assertThat(missing).as("Markdown files named in prose but not in the repository").isEmpty();
  }

  @Test
  void pages_includeTheReadmeAndTheDocs() throws IOException {
    assertThat(pages())
        .contains(ROOT.resolve("README.md"), ROOT.resolve("docs/deployments.md"))
        .anySatisfy(page -> assertThat(page).startsWith(ROOT.resolve("docs/machines")));
  }

  /** Why {@code target}, a relative link on {@code page}, does not resolve; null when it does. */
  private static String problem(Path page, String target) throws IOException {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    Path file = path.isEmpty() ? page : page.resolveSibling(path).normalize();
    if (!file.startsWith(ROOT)) {
      return "leaves the repository";
    }
    if (!Files.exists(file)) {
      return "no such file";
    }
    if (anchor != null && file.toString().endsWith(".md")) {
      Set<String> anchors = anchors(withoutFences(Files.readString(file, StandardCharsets.UTF_8)));
      if (!anchors.contains(anchor)) {
        return "no heading with anchor #" + anchor + " in " + ROOT.relativize(file);
      }
    }
    return null;
  }

  /** The link targets of a page, inline and by reference. */
  private static List<String> targets(String prose) {
    List<String> targets = new ArrayList<>();
    for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_LINK)) {
      Matcher link = pattern.matcher(prose);
      while (link.find()) {
        targets.add(link.group(1));
      }
    }
    return targets;
  }

  /**
   * The anchors GitHub gives a page's headings: lower case, punctuation other than {@code -} and
   * {@code _} dropped, spaces as {@code -}, a repeated one suffixed {@code -1}, {@code -2}, ...
   */
  private static Set<String> anchors(String prose) {
    Set<String> anchors = new HashSet<>();
    Matcher heading = HEADING.matcher(prose);
    while (heading.find()) {
      String slug =
          heading
              .group(1)
              .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
              .replace(' ', '-');
      String anchor = slug;
      for (int n = 1; !anchors.add(anchor); n++) {
        anchor = slug + "-" + n;
      }
    }
    return anchors;
  }

  /** The page without its code: fenced blocks and code spans (which may span lines) removed. */
  private static String prose(String markdown) {
    return CODE_SPAN.matcher(withoutFences(markdown)).replaceAll("code");
  }

  /** The page without its fenced code blocks (whose {@code #} lines are not headings). */
  private static String withoutFences(String markdown) {
    return FENCE.matcher(markdown).replaceAll("");
  }

  /** README.md, CHANGELOG.md and every Markdown file under docs/, sorted. */
  private static List<Path> pages() throws IOException {
    List<Path> pages =
        new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CHANGELOG.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }
}
