package dev.mpredis.cli;

import dev.mpredis.machine.ExitSpec;
import dev.mpredis.machine.InputSpec;
import dev.mpredis.machine.MachineSpec;
import dev.mpredis.machine.SideEffects;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a machine's declaration as a terminal reference page: the same {@link MachineSpec} the
 * generated Markdown reference reads, plus how {@code mp-redis exec} runs the machine and which
 * exit status each exit gives. Stateless.
 */
final class TextReference {

  private static final int WIDTH = 80;

  /** What the page of a machine that needs a dedicated connection says about it. */
  static final String DEDICATED =
      "Needs a dedicated connection (a socket of its own, not shared with other callers):"
          + " mp-redis exec leases one for it.";

  private TextReference() {}

  static String render(MachineSpec spec) {
    StringBuilder page = new StringBuilder();
    page.append("NAME\n");
    wrap(page, spec.identity() + " - " + spec.description(), "    ");
    wrap(page, spec.friendlyName() + "; side effects: " + sideEffects(spec.sideEffects()), "    ");
    if (!spec.extendedDescription().isEmpty()) {
      page.append("\nDESCRIPTION\n");
      wrap(page, spec.extendedDescription(), "    ");
    }
    if (spec.needsDedicatedConnection()) {
      page.append("\nCONNECTION\n");
      wrap(page, DEDICATED, "    ");
    }
    page.append("\nUSAGE\n");
    wrap(page, usage(spec), "    ");
    page.append("\nINPUTS\n");
    if (spec.inputs().isEmpty()) {
      page.append("    None.\n");
    }
    for (InputSpec input : spec.inputs()) {
      wrap(page, input.name() + ": " + inputFacts(input), "    ");
      wrap(page, input.description(), "        ");
    }
    page.append("\nEXITS\n");
    wrap(
        page,
        "Outputs as exec --json prints them: {a, b} is an object with those keys, bare is the"
            + " value itself; (name: type) is the typed output. The exit's kind (in parentheses)"
            + " decides the exit status (see mp-redis --help).",
        "    ");
    for (ExitSpec exit : spec.exits()) {
      StringBuilder head = new StringBuilder(exit.name()).append(" (").append(exit.kind());
      head.append("): exit status ").append(ExitStatus.ofDeclared(exit));
      exit.output()
          .ifPresent(
              o ->
                  head.append("; output: ")
                      .append(exit.dynamicOutput())
                      .append(" (" + o + ": " + exit.outputType() + ")"));
      if (!exit.outputExample().isEmpty()) {
        head.append(", for example ").append(exit.outputExample());
      }
      wrap(page, head.toString(), "    ");
      wrap(page, exit.description(), "        ");
    }
    return page.toString();
  }

  private static String inputFacts(InputSpec input) {
    List<String> facts = new ArrayList<>();
    facts.add(input.typeName());
    facts.add(input.required() ? "required" : "optional");
    if (InputValues.isProvided(input)) {
      facts.add("provided by mp-redis exec");
    } else if (!InputValues.isPlainString(input)) {
      facts.add("given as JSON");
    }
    input.defaultJson().ifPresent(d -> facts.add("default " + d));
    if (input.sensitive()) {
      facts.add("secret: never printed; give it with --input-env");
    } else if (!input.example().isEmpty()) {
      facts.add("example " + input.example());
    }
    return String.join(", ", facts);
  }

  /** An {@code exec} command line with every required input, from the examples. */
  static String usage(MachineSpec spec) {
    StringBuilder line = new StringBuilder("mp-redis exec ").append(spec.identity());
    boolean connects = spec.inputs().stream().anyMatch(InputValues::isProvided);
    if (connects) {
      line.append(" [--url URL]");
    }
    for (InputSpec input : spec.inputs()) {
      if (!input.required() || InputValues.isProvided(input)) {
        continue;
      }
      if (input.sensitive()) {
        line.append(" --input-env ").append(input.name()).append("=VARIABLE");
      } else {
        line.append(" --input ").append(input.name()).append('=').append(exampleArgument(input));
      }
    }
    return line.append(" [--json]").toString();
  }

  private static String exampleArgument(InputSpec input) {
    String example = input.example();
    if (example.isEmpty()) {
      return input.typeName().toUpperCase(java.util.Locale.ROOT).replace(' ', '_');
    }
    if (InputValues.isPlainString(input)
        && example.length() >= 2
        && example.startsWith("\"")
        && example.endsWith("\"")) {
      example = example.substring(1, example.length() - 1);
    }
    return example.matches("[A-Za-z0-9_.:/@-]+") ? example : "'" + example + "'";
  }

  private static String sideEffects(SideEffects sideEffects) {
    return switch (sideEffects) {
      case CACHEABLE -> "none (same inputs, same result)";
      case IDEMPOTENT -> "idempotent (running it twice equals running it once)";
      case NONE -> "yes (running it again may change things again)";
    };
  }

  /** Appends {@code text} word-wrapped at {@link #WIDTH} columns, every line indented. */
  private static void wrap(StringBuilder page, String text, String indent) {
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split(" +")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
        page.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    page.append(line).append('\n');
  }
}
