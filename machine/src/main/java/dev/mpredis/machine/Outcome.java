package dev.mpredis.machine;

import java.util.Optional;

/**
 * The result of a dynamic run: the exit's name and its output, plus the typed exit itself.
 *
 * <p>The output has the shape the exit declares ({@link ExitSpec#outputShape()}): a report map
 * named by the exit record's component ({@code {value}}, {@code {manager}}, {@code {error}}), or by
 * a report record's components ({@code {values, notFound}}); a bare value where the exit declares
 * one (a URL string) and for the implicit {@code error} exit (its {@link MachineError}); {@code
 * null} for an exit without output. The maps are unmodifiable and may hold {@code null} values (a
 * cached JSON {@code null}).
 *
 * @param exitName the exit's name, for example {@code notFound}
 * @param output the exit's output, shaped as above
 * @param exit the typed exit record
 */
public record Outcome(String exitName, Object output, Exit<?> exit) {

  /** The outcome a dynamic run gives for {@code exit}, with its output shaped as declared. */
  public static Outcome of(Exit<?> exit) {
    return new Outcome(exit.exitName(), ExitRecords.report(exit), exit);
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
