package dev.mpredis.cli;

import dev.mpredis.machine.Machine;
import dev.mpredis.redis.Redis;
import java.io.PrintWriter;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mp-redis generate-completion}: picocli's bash/zsh completion script, plus the names of a
 * machine's inputs: after {@code --input} or {@code --input-env}, TAB offers {@code NAME=} for each
 * input of the machine on the line (every machine's when none is there yet), read from the specs.
 */
@Command(
    name = "generate-completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bash/zsh completion script: source <(mp-redis generate-completion). It completes"
          + " commands, options, machine names, and after --input or --input-env the names of"
          + " the machine's inputs."
    })
final class CompletionCommand implements Callable<Integer> {

  /** The function picocli generates for {@code exec}; the script wraps it. */
  static final String EXEC_FUNCTION = "_picocli_mp-redis_exec";

  /** The name picocli's function for {@code exec} gets in the script. */
  static final String GENERATED_EXEC_FUNCTION = "_mp-redis_exec_generated";

  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_-]+");

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(script(spec.root().commandLine()));
    out.flush();
    return ExitStatus.SUCCESS;
  }

  /**
   * The script for {@code root}.
   *
   * @throws IllegalStateException if picocli's script has no function for {@code exec} to wrap
   */
  static String script(CommandLine root) {
    String generated = AutoComplete.bash(root.getCommandName(), root);
    String definition = "function " + EXEC_FUNCTION + "() {";
    if (generated.indexOf(definition) < 0
        || generated.indexOf(definition) != generated.lastIndexOf(definition)) {
      throw new IllegalStateException("picocli's completion script has no one " + definition);
    }
    return generated.replace(definition, "function " + GENERATED_EXEC_FUNCTION + "() {")
        + "\n"
        + inputNames();
  }

  /** The wrapper: input names after --input and --input-env, picocli's completion otherwise. */
  private static String inputNames() {
    StringBuilder cases = new StringBuilder();
    TreeSet<String> every = new TreeSet<>();
    for (Machine<?, ?> machine : Redis.PACK.machines()) {
      List<String> names = InputValues.settableNames(machine.spec());
      every.addAll(names);
      cases
          .append("      '")
          .append(plain(machine.identity()))
          .append("') names='")
          .append(names.stream().map(n -> plain(n) + "=").collect(Collectors.joining(" ")))
          .append("' ;;\n");
    }
    String all = every.stream().map(n -> n + "=").collect(Collectors.joining(" "));
    return "# mp-redis: after --input and --input-env, complete NAME= with the inputs of the"
        + " machine\n"
        + "# on the line (of every machine when there is none yet); otherwise picocli's"
        + " completion.\n"
        + "function "
        + EXEC_FUNCTION
        + "() {\n"
        + "  local prev_word=${COMP_WORDS[COMP_CWORD-1]}\n"
        + "  case \"${prev_word}\" in\n"
        + "    '-i'|'--input'|'--input-env') ;;\n"
        + "    '=') COMPREPLY=(); return 0 ;;\n"
        + "    *) "
        + GENERATED_EXEC_FUNCTION
        + "; return $? ;;\n"
        + "  esac\n"
        + "  local names='"
        + all
        + "' word\n"
        + "  for word in \"${COMP_WORDS[@]}\"; do\n"
        + "    case \"${word}\" in\n"
        + cases
        + "    esac\n"
        + "  done\n"
        + "  type compopt &>/dev/null && compopt -o nospace\n"
        + "  COMPREPLY=( $(compgen -W \"${names}\" -- \"${COMP_WORDS[COMP_CWORD]}\") )\n"
        + "}\n";
  }

  /** A name as it is, after checking that it needs no quoting in the script. */
  private static String plain(String name) {
    if (!PLAIN_WORD.matcher(name).matches()) {
      throw new IllegalStateException("'" + name + "' cannot be written into the script as is");
    }
    return name;
  }
}
