package dev.mpredis.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.ConnectionOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The generated parts of {@code docs/connection-strings.md} must equal what {@link
 * ConnectionOption} and the parser's list of other clients' names say; the rest of the page is
 * written by hand around the markers. To regenerate: {@code ./mvnw -pl redis -am verify
 * -Dmpredis.updateDocs}.
 */
@Tag("unit")
class ConnectionStringDocsTest {

  static final Path PAGE = Path.of("..", "docs", "connection-strings.md");

  static Map<String, String> sections() {
    Map<String, String> sections = new LinkedHashMap<>();
    sections.put("options", optionsTable());
    sections.put("foreign-names", foreignNames());
    return sections;
  }

  static String optionsTable() {
    StringBuilder md =
        new StringBuilder(
            "| option | other names | default | value | what it does |\n|---|---|---|---|---|\n");
    for (ConnectionOption option : ConnectionOption.values()) {
      md.append("| `")
          .append(option.optionName())
          .append("` | ")
          .append(
              option.aliases().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", ")))
          .append(" | ")
          .append(option.defaultValue())
          .append(" | ")
          .append(option.rule())
          .append(" | ")
          .append(option.description())
          .append(" |\n");
    }
    return md.toString();
  }

  static String foreignNames() {
    StringBuilder md = new StringBuilder("| written | malformed, with |\n|---|---|\n");
    for (ConnectionOptions.Foreign foreign : ConnectionOptions.FOREIGN) {
      md.append("| option `")
          .append(foreign.name())
          .append("` | ")
          .append(foreign.instead())
          .append(" |\n");
    }
    new TreeMap<>(ConnectionStrings.FOREIGN_SCHEMES)
        .forEach(
            (theirs, ours) ->
                md.append("| scheme `")
                    .append(theirs)
                    .append("://` | write `")
                    .append(ours)
                    .append("://` |\n"));
    return md.toString();
  }

  /** {@code page} with the text between each section's markers replaced by {@code sections}. */
  static String regenerated(String page, Map<String, String> sections) {
    String result = page;
    for (Map.Entry<String, String> section : sections.entrySet()) {
      String begin = "<!-- generated: " + section.getKey() + " -->\n";
      String end = "<!-- end generated: " + section.getKey() + " -->";
      int from = result.indexOf(begin);
      int to = result.indexOf(end);
      assertThat(from).as("marker %s in %s", begin.strip(), PAGE).isNotNegative();
      assertThat(to).as("marker %s after its start", end).isGreaterThan(from);
      result =
          result.substring(0, from + begin.length()) + section.getValue() + result.substring(to);
    }
    return result;
  }

  @Test
  void page_generatedTablesAreFresh() throws IOException {
    String committed = Files.readString(PAGE, StandardCharsets.UTF_8);
    String expected = regenerated(committed, sections());
    if (System.getProperty("mpredis.updateDocs") != null) {
      Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
      committed = expected;
    }
    assertThat(committed)
        .as("docs/connection-strings.md is stale: regenerate with -Dmpredis.updateDocs")
        .isEqualTo(expected);
  }

  @Test
  void page_namesEveryOptionAndNoPipeBreaksATable() {
    String table = optionsTable();
    for (ConnectionOption option : ConnectionOption.values()) {
      assertThat(table).contains("| `" + option.optionName() + "` |");
      assertThat(option.rule() + option.description() + option.defaultValue()).doesNotContain("|");
    }
  }
}
