package dev.mpredis.machine;

import java.util.Objects;

/**
 * Thrown by {@link Exit#orThrow()} when a machine took an exit other than {@code success}: it
 * carries the exit's name and its report.
 */
public final class MachineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String exitName;
  private final transient MachineError error;

  /** An exception for {@code exitName}, with the report {@code error} (may be null). */
  public MachineException(String exitName, MachineError error) {
    super(
        "exit '" + exitName + "'" + (error == null ? "" : ": " + error),
        error == null ? null : error.cause().orElse(null));
    this.exitName = Objects.requireNonNull(exitName, "exitName");
    this.error = error;
  }

  /** The exit the machine took, for example {@code notFound}. */
  public String exitName() {
    return exitName;
  }

  /** The exit's report, or {@code null} for exits without one (such as {@code notFound}). */
  public MachineError error() {
    return error;
  }
}
