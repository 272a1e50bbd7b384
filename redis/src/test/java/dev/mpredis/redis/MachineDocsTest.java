package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.ErrorCode;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MarkdownReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The committed reference in {@code docs/machines/} must equal what the machines declare. To
 * regenerate after changing a machine: {@code ./mvnw -pl redis -am verify -Dmpredis.updateDocs}.
 */
@Tag("unit")
class MachineDocsTest {

  static final Path DOCS = Path.of("..", "docs", "machines");

  static Map<String, String> expectedPages() {
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("README.md", MarkdownReference.renderIndex(Redis.PACK));
    for (Machine<?, ?> machine : Redis.PACK.machines()) {
      pages.put(machine.identity() + ".md", MarkdownReference.render(machine.spec()));
    }
    pages.put("error-codes.md", errorCodes());
    return pages;
  }

  static String errorCodes() {
    StringBuilder md = new StringBuilder("# Error codes\n\n");
    md.append("Every report (`MachineError`) of a Redis machine carries one of these codes, a ")
        .append("`RedisErrorCode`, also for bad inputs, a missed deadline and unexpected failures ")
        .append("(`INVALID_INPUT`, `TIMED_OUT`, `UNEXPECTED`, the namesakes of the runtime's ")
        .append("`StandardErrorCode`). Switch on the code, never on the message.\n\n")
        .append("| code | meaning |\n|---|---|\n");
    for (ErrorCode code : RedisErrorCode.values()) {
      md.append("| `").append(code.name()).append("` | ").append(code.description()).append(" |\n");
    }
    return md.toString();
  }

  @Test
  void docs_areFreshAndComplete() throws IOException {
    Map<String, String> expected = expectedPages();
    if (System.getProperty("mpredis.updateDocs") != null) {
      Files.createDirectories(DOCS);
      try (Stream<Path> old = Files.list(DOCS)) {
        for (Path page : old.toList()) {
          Files.delete(page);
        }
      }
      for (Map.Entry<String, String> page : expected.entrySet()) {
        Files.writeString(DOCS.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
      }
    }
    try (Stream<Path> committed = Files.list(DOCS)) {
      assertThat(committed.map(p -> p.getFileName().toString()))
          .as("pages in docs/machines (regenerate with -Dmpredis.updateDocs)")
          .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }
    for (Map.Entry<String, String> page : expected.entrySet()) {
      assertThat(Files.readString(DOCS.resolve(page.getKey()), StandardCharsets.UTF_8))
          .as("docs/machines/%s is stale: regenerate with -Dmpredis.updateDocs", page.getKey())
          .isEqualTo(page.getValue());
    }
  }

  @Test
  void docs_neverShowASensitiveExample() {
    for (Machine<?, ?> machine : Redis.PACK.machines()) {
      machine.spec().inputs().stream()
          .filter(i -> i.sensitive())
          .forEach(i -> assertThat(MarkdownReference.render(machine.spec())).contains("(secret)"));
    }
  }
}
