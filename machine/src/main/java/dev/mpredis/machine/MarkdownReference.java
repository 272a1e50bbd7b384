package dev.mpredis.machine;

/** Renders machine declarations as Markdown reference pages. Stateless. */
public final class MarkdownReference {

  private MarkdownReference() {}

  /** The reference page of one machine. */
  public static String render(MachineSpec spec) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(spec.identity()).append("\n\n");
    md.append("**").append(spec.friendlyName()).append("**: ").append(spec.description());
    md.append("\n\n");
    if (!spec.extendedDescription().isEmpty()) {
      md.append(spec.extendedDescription()).append("\n\n");
    }
    md.append("Side effects: ").append(sideEffects(spec.sideEffects())).append("\n\n");
    if (spec.needsDedicatedConnection()) {
      md.append(DEDICATED_NOTE).append("\n\n");
    }
    md.append("## Inputs\n\n");
    if (spec.inputs().isEmpty()) {
      md.append("None.\n\n");
    } else {
      md.append("| name | type | required | default | example | description |\n");
      md.append("|---|---|---|---|---|---|\n");
      for (InputSpec input : spec.inputs()) {
        md.append("| `")
            .append(input.name())
            .append("` | ")
            .append(cell(input.typeName()))
            .append(" | ")
            .append(input.required() ? "yes" : "no")
            .append(" | ")
            .append(code(input.defaultValue()))
            .append(" | ")
            .append(input.sensitive() ? "(secret)" : code(input.example()))
            .append(" | ")
            .append(cell(input.description()))
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append("## Exits\n\n");
    md.append(OUTPUTS_NOTE).append("\n\n");
    md.append(
        "| exit | kind | when | dynamic output | typed output | example of the typed output |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (ExitSpec exit : spec.exits()) {
      md.append("| `")
          .append(exit.name())
          .append("` | `")
          .append(exit.kind())
          .append("` | ")
          .append(cell(exit.description()))
          .append(" | ")
          .append(dynamicOutput(exit))
          .append(" | ")
          .append(exit.output().map(o -> "`" + o + "` (" + exit.outputType() + ")").orElse(""))
          .append(" | ")
          .append(code(exit.outputExample()))
          .append(" |\n");
    }
    return md.toString();
  }

  /** What the two output columns mean; the same on every page. */
  static final String OUTPUTS_NOTE =
      "The dynamic output is what `Outcome.output()` and `mp-redis exec --json` give, in the"
          + " original's report shapes (machines it did not have follow the same rule): `{a, b}`"
          + " is a map with those keys, *bare* is the value itself, *none* is null; the `meta`"
          + " key the original reserved is never set. The typed output is the exit record's"
          + " component, which `orThrow()` returns on success. The kind (`ExitKind`) says what"
          + " sort of outcome the exit is, the same for every machine.";

  /** The note on the page of a machine that needs a dedicated connection. */
  static final String DEDICATED_NOTE =
      "Connection: needs a dedicated connection, one not shared with other callers, because it"
          + " changes the connection's state for whoever uses it next.";

  /** An index page linking every machine's page ({@code <identity>.md}). */
  public static String renderIndex(Pack pack) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(pack.name()).append(" machines\n\n");
    md.append(pack.description()).append("\n\n");
    md.append("| machine | description |\n|---|---|\n");
    for (Machine<?, ?> machine : pack.machines()) {
      md.append("| [`")
          .append(machine.identity())
          .append("`](")
          .append(machine.identity())
          .append(".md) | ")
          .append(cell(machine.spec().description()))
          .append(" |\n");
    }
    return md.toString();
  }

  private static String dynamicOutput(ExitSpec exit) {
    return switch (exit.outputShape()) {
      case NONE -> "none";
      case BARE -> "`" + exit.outputName() + "`, bare";
      case REPORT -> code(exit.dynamicOutput());
    };
  }

  private static String sideEffects(SideEffects sideEffects) {
    return switch (sideEffects) {
      case CACHEABLE -> "cacheable (no side effects; same inputs, same result)";
      case IDEMPOTENT -> "idempotent (running it twice equals running it once)";
      case NONE -> "yes (running it again may change things again)";
    };
  }

  private static String code(String text) {
    return text.isEmpty() ? "" : "`" + cell(text) + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
