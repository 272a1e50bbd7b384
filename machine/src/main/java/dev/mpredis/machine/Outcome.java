package dev.mpredis.machine;

import java.util.Optional;

/**
 * The result of a dynamic run: the exit's name and its output, plus the typed exit itself.
 *
 * @param exitName the exit's name, for example {@code notFound}
 * @param output the exit's output, {@code null} for exits without one
 * @param exit the typed exit record
 */
public record Outcome(String exitName, Object output, Exit<?> exit) {

  static Outcome of(Exit<?> exit) {
    return new Outcome(exit.exitName(), exit.output(), exit);
  }

  /** Prints the exit as the exit prints itself (so an exit that hides a secret still hides it). */
  @Override
  public String toString() {
    return "Outcome[" + exit + "]";
  }

  /** Whether the machine took its {@code success} exit. */
  public boolean isSuccess() {
    return exit.isSuccess();
  }

  /** The report, for exits that carry one. */
  public Optional<MachineError> error() {
    return exit instanceof Exit.Failed failed ? Optional.of(failed.error()) : Optional.empty();
  }
}
