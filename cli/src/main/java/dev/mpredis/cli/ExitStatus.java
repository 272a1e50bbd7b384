package dev.mpredis.cli;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitKind;
import dev.mpredis.machine.ExitSpec;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.Pack;
import dev.mpredis.machine.StandardErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The process exit status of the {@code mp-redis} command: the one mapping from the kind of the
 * exit a machine took ({@link ExitKind}, declared in the machine's spec) to a status. The table
 * that {@code --help}, {@code man} and the README show is generated here from that mapping and the
 * pack's machines.
 */
final class ExitStatus {

  /** The machine took a {@link ExitKind#SUCCESS} exit. */
  static final int SUCCESS = 0;

  /** An {@link ExitKind#ERROR} exit (unexpected or server failure), or a failure of the command. */
  static final int ERROR = 1;

  /** A {@link ExitKind#NOT_FOUND} exit. */
  static final int NOT_FOUND = 2;

  /** A {@link ExitKind#FAILED} or {@link ExitKind#BAD_CONNECTION} exit. */
  static final int FAILED = 3;

  /**
   * Invalid input: an {@link ExitKind#INVALID_INPUT} exit, an {@link ExitKind#ERROR} exit with
   * {@code INVALID_INPUT}, or a usage error of the command (unknown machine or option, an input
   * that is not JSON).
   */
  static final int INVALID = 4;

  /** An exit of kind {@link ExitKind#OTHER}. */
  static final int OTHER_EXIT = 5;

  /**
   * The one rule beyond the kind: an exit of this kind whose report has {@link #RECLASSIFIED_CODE}
   * counts as {@link ExitKind#INVALID_INPUT} (an input that breaks the contract is invalid input).
   */
  private static final ExitKind RECLASSIFIED_KIND = ExitKind.ERROR;

  private static final StandardErrorCode RECLASSIFIED_CODE = StandardErrorCode.INVALID_INPUT;

  private ExitStatus() {}

  /** The one mapping: the status of every exit of {@code kind}. */
  static int of(ExitKind kind) {
    return switch (kind) {
      case SUCCESS -> ExitStatus.SUCCESS;
      case ERROR -> ExitStatus.ERROR;
      case NOT_FOUND -> ExitStatus.NOT_FOUND;
      case BAD_CONNECTION, FAILED -> ExitStatus.FAILED;
      case INVALID_INPUT -> ExitStatus.INVALID;
      case OTHER -> ExitStatus.OTHER_EXIT;
    };
  }

  /** The status for the exit a machine took: its kind's, with the rule for invalid input. */
  static int of(Exit<?> exit) {
    return of(kindOf(exit));
  }

  /** The kind that decides the status of the exit a machine took. */
  static ExitKind kindOf(Exit<?> exit) {
    ExitKind kind = exit.exitKind();
    boolean reclassified =
        kind == RECLASSIFIED_KIND
            && exit instanceof Exit.Failed failed
            && failed.error() != null
            // by name: every pack's own code for it has the standard code's name
            && failed.error().code().name().equals(RECLASSIFIED_CODE.name());
    return reclassified ? ExitKind.INVALID_INPUT : kind;
  }

  /** The status of a declared exit, for a reference page: {@code 1 (4 with INVALID_INPUT)}. */
  static String ofDeclared(ExitSpec exit) {
    String status = String.valueOf(of(exit.kind()));
    return exit.kind() == RECLASSIFIED_KIND
        ? status + " (" + of(ExitKind.INVALID_INPUT) + " with " + RECLASSIFIED_CODE + ")"
        : status;
  }

  /**
   * One row of the table.
   *
   * @param status the process status
   * @param kinds the exit kinds that give it
   * @param exits the pack's exits that give it, by name ({@code error with INVALID_INPUT} for the
   *     rule), in the order the machines declare them
   * @param meaning what the status means, with what the command itself adds
   */
  record Row(int status, List<ExitKind> kinds, List<String> exits, String meaning) {}

  /** The table: one row per status, from the mapping and the exits of {@code pack}. */
  static List<Row> rows(Pack pack) {
    Map<Integer, List<ExitKind>> kindsByStatus = new LinkedHashMap<>();
    for (int status : new TreeSet<>(statuses())) {
      kindsByStatus.put(status, new ArrayList<>());
    }
    for (ExitKind kind : ExitKind.values()) {
      kindsByStatus.get(of(kind)).add(kind);
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<Integer, List<ExitKind>> entry : kindsByStatus.entrySet()) {
      List<ExitKind> kinds = entry.getValue();
      Set<String> exits = new LinkedHashSet<>(exitNames(pack, kinds::contains));
      if (kinds.contains(ExitKind.INVALID_INPUT)) {
        for (String name : exitNames(pack, kind -> kind == RECLASSIFIED_KIND)) {
          exits.add(name + " with " + RECLASSIFIED_CODE);
        }
      }
      rows.add(new Row(entry.getKey(), List.copyOf(kinds), List.copyOf(exits), meaning(kinds)));
    }
    return rows;
  }

  private static Set<Integer> statuses() {
    Set<Integer> statuses = new LinkedHashSet<>();
    for (ExitKind kind : ExitKind.values()) {
      statuses.add(of(kind));
    }
    return statuses;
  }

  private static List<String> exitNames(Pack pack, java.util.function.Predicate<ExitKind> kinds) {
    Set<String> names = new LinkedHashSet<>();
    for (Machine<?, ?> machine : pack.machines()) {
      for (ExitSpec exit : machine.spec().exits()) {
        if (kinds.test(exit.kind())) {
          names.add(exit.name());
        }
      }
    }
    return List.copyOf(names);
  }

  /** What a status means: its kinds', in the words of the command line. */
  private static String meaning(List<ExitKind> kinds) {
    List<String> parts = new ArrayList<>();
    for (ExitKind kind : kinds) {
      parts.add(
          switch (kind) {
            case SUCCESS -> "the machine did what was asked";
            case NOT_FOUND -> "what was asked for does not exist";
            case BAD_CONNECTION -> "the connection given cannot be used";
            case FAILED ->
                "the operation could not be done: cannot connect, refused or rejected by the server";
            case INVALID_INPUT ->
                "invalid input (nothing was changed); also a usage error of the command (unknown"
                    + " machine or option, an input that is not JSON)";
            case ERROR -> "an unexpected failure; also a failure of the command itself";
            case OTHER -> "any other exit a machine declares";
          });
    }
    return String.join("; ", parts);
  }

  /** The table for picocli's usage help: status to its exits and meaning. */
  static Map<String, String> helpTable(Pack pack) {
    Map<String, String> table = new LinkedHashMap<>();
    for (Row row : rows(pack)) {
      String exits = or(row.exits());
      table.put(" " + row.status(), exits.isEmpty() ? row.meaning() : exits + ": " + row.meaning());
    }
    return table;
  }

  /** The table for the README, in Markdown. */
  static String markdownTable(Pack pack) {
    StringBuilder md = new StringBuilder("| exit status | exit kinds | exits | meaning |\n");
    md.append("|---|---|---|---|\n");
    for (Row row : rows(pack)) {
      md.append("| ")
          .append(row.status())
          .append(" | ")
          .append(row.kinds().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")))
          .append(" | ")
          .append(
              row.exits().isEmpty()
                  ? "(none today)"
                  : row.exits().stream()
                      .map(e -> "`" + e.replace(" with ", "` with `") + "`")
                      .collect(Collectors.joining(", ")))
          .append(" | ")
          .append(row.meaning())
          .append(" |\n");
    }
    return md.toString();
  }

  private static String or(List<String> words) {
    if (words.size() < 2) {
      return String.join("", words);
    }
    return String.join(", ", words.subList(0, words.size() - 1))
        + " or "
        + words.get(words.size() - 1);
  }
}
