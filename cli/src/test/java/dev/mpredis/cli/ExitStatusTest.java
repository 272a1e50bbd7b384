package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitKind;
import dev.mpredis.machine.ExitSpec;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.StandardErrorCode;
import dev.mpredis.redis.CreateManager;
import dev.mpredis.redis.Redis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The exit statuses come from the exits' kinds through one mapping, and the README shows the table
 * generated from it. To regenerate the README's table: {@code ./mvnw -pl cli -am verify
 * -Dmpredis.updateDocs -Dtest=ExitStatusTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("unit")
class ExitStatusTest {

  static final Path README = Path.of("..", "README.md");

  static final String TABLE_HEADER = "| exit status |";

  @Test
  void readme_showsTheGeneratedExitStatusTable() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String generated = ExitStatus.markdownTable(Redis.PACK);
    int start = readme.indexOf(TABLE_HEADER);
    assertThat(start).as("README.md has a table starting with '%s'", TABLE_HEADER).isNotNegative();
    int end = start;
    while (end < readme.length() && readme.startsWith("|", end)) {
      end = readme.indexOf('\n', end) + 1;
    }
    if (System.getProperty("mpredis.updateDocs") != null) {
      readme = readme.substring(0, start) + generated + readme.substring(end);
      Files.writeString(README, readme, StandardCharsets.UTF_8);
      end = start + generated.length();
    }
    assertThat(readme.substring(start, end))
        .as("README.md's exit status table is stale: regenerate with -Dmpredis.updateDocs")
        .isEqualTo(generated);
  }

  @Test
  void everyExitOfEveryMachine_hasAKindAndAStatusInTheTable() {
    List<ExitStatus.Row> rows = ExitStatus.rows(Redis.PACK);
    for (Machine<?, ?> machine : Redis.PACK.machines()) {
      for (ExitSpec exit : machine.spec().exits()) {
        String which = machine.identity() + " " + exit.name();
        assertThat(exit.kind()).as(which).isNotNull();
        int status = ExitStatus.of(exit.kind());
        assertThat(rows)
            .as(which)
            .anySatisfy(
                row -> {
                  assertThat(row.status()).isEqualTo(status);
                  assertThat(row.kinds()).contains(exit.kind());
                  assertThat(row.exits()).contains(exit.name());
                });
      }
    }
  }

  @Test
  void of_mapsEveryKindToOneStatus_theTableHasOneRowPerStatus() {
    assertThat(ExitStatus.of(ExitKind.SUCCESS)).isEqualTo(ExitStatus.SUCCESS);
    assertThat(ExitStatus.of(ExitKind.ERROR)).isEqualTo(ExitStatus.ERROR);
    assertThat(ExitStatus.of(ExitKind.NOT_FOUND)).isEqualTo(ExitStatus.NOT_FOUND);
    assertThat(ExitStatus.of(ExitKind.BAD_CONNECTION)).isEqualTo(ExitStatus.FAILED);
    assertThat(ExitStatus.of(ExitKind.FAILED)).isEqualTo(ExitStatus.FAILED);
    assertThat(ExitStatus.of(ExitKind.INVALID_INPUT)).isEqualTo(ExitStatus.INVALID);
    assertThat(ExitStatus.of(ExitKind.OTHER)).isEqualTo(ExitStatus.OTHER_EXIT);
    assertThat(ExitStatus.rows(Redis.PACK))
        .extracting(ExitStatus.Row::status)
        .containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void of_errorExitWithInvalidInput_isInvalidInput_otherErrorsAreErrors() {
    Exit<?> invalid = Redis.PACK.machine("get-cached-value").run(Map.of("key", "k")).exit();
    assertThat(invalid.exitName()).isEqualTo("error");
    assertThat(((Exit.Failed) invalid).error().code())
        .isEqualTo(dev.mpredis.redis.RedisErrorCode.INVALID_INPUT);
    assertThat(invalid.exitKind()).isEqualTo(ExitKind.ERROR);

    assertThat(ExitStatus.kindOf(invalid)).isEqualTo(ExitKind.INVALID_INPUT);
    assertThat(ExitStatus.of(invalid)).isEqualTo(ExitStatus.INVALID);
    assertThat(
            ExitStatus.of(
                new CreateManager.Error(
                    dev.mpredis.machine.MachineError.of(StandardErrorCode.UNEXPECTED, "boom"))))
        .isEqualTo(ExitStatus.ERROR);
    assertThat(ExitStatus.ofDeclared(CreateManager.INSTANCE.spec().exit("error").orElseThrow()))
        .isEqualTo("1 (4 with INVALID_INPUT)");
  }

  @Test
  void of_declaredKindOverridesTheName_malformedIsInvalidInput() {
    Exit<?> malformed = Redis.createManager("nonsense://x", report -> {});

    assertThat(malformed.exitName()).isEqualTo("malformed");
    assertThat(malformed.exitKind()).isEqualTo(ExitKind.INVALID_INPUT);
    assertThat(ExitStatus.of(malformed)).isEqualTo(ExitStatus.INVALID);
  }
}
