package dev.mpredis.cli;

import dev.mpredis.machine.Machine;
import dev.mpredis.redis.Redis;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mp-redis list}: every machine with its one-line description. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List every machine with its one-line description.")
final class ListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int width = Redis.PACK.machines().stream().mapToInt(m -> m.identity().length()).max().orElse(0);
    for (Machine<?, ?> machine : Redis.PACK.machines()) {
      out.printf("%-" + width + "s  %s%n", machine.identity(), machine.spec().description());
    }
    out.flush();
    return ExitStatus.SUCCESS;
  }
}
