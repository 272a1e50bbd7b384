package dev.mpredis.machine;

/**
 * An exit a machine took: one record of the machine's sealed result interface. The record's simple
 * name, in lower camel case, is the exit's name ({@code NotFound} is {@code notFound}); its
 * components are the exit's output.
 *
 * <p>Callers handle exits with a {@code switch} over the sealed interface (exhaustive on Java 21+),
 * with the interface's {@code match} method on Java 17, or with {@link #orThrow()}.
 *
 * <p>Which throwables are never exits: {@link VirtualMachineError} (out of memory, stack overflow),
 * {@link LinkageError} and thread interruption propagate as they are; everything else a machine
 * meets becomes an exit.
 *
 * @param <V> the type of the {@code success} exit's output
 */
public interface Exit<V> {

  /** The exit's name, for example {@code success} or {@code badConnection}. */
  default String exitName() {
    return ExitRecords.name(getClass());
  }

  /**
   * The exit's kind, as its declaration says ({@link ExitSpec#kind()}). An {@code error} exit is
   * always {@link ExitKind#ERROR}, whatever its report's code.
   */
  default ExitKind exitKind() {
    return ExitRecords.kind(getClass());
  }

  /** Whether this is the {@code success} exit. */
  default boolean isSuccess() {
    return this instanceof Successful;
  }

  /** The exit's output: its single component's value, {@code null} for an exit without output. */
  default Object output() {
    return ExitRecords.output(this);
  }

  /**
   * The {@code success} output, or an exception for any other exit.
   *
   * @throws MachineException if the machine took another exit; it carries the exit's name and
   *     report
   */
  @SuppressWarnings("unchecked")
  default V orThrow() {
    if (this instanceof Successful) {
      return (V) output();
    }
    MachineError error = this instanceof Failed failed ? failed.error() : null;
    throw new MachineException(exitName(), error);
  }

  /** Marks the {@code success} record of a machine. */
  interface Successful {}

  /** Marks an exit record whose output is an error report ({@code failed}, {@code error}, ...). */
  interface Failed {
    /** The report. */
    MachineError error();
  }
}
