package dev.mpredis.redis.internal;

import dev.mpredis.machine.MachineError;

/**
 * Carries an already classified error out of the engine (through a future, or thrown), so that the
 * machine can take the right exit without classifying again.
 */
public final class ClassifiedFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient MachineError error;

  public ClassifiedFailure(MachineError error) {
    super(error.toString(), null, false, false);
    this.error = error;
  }

  /**
   * The classified error a failed future carries, or {@code null} if the failure is not a
   * classified one.
   */
  public static MachineError errorOf(Throwable failure) {
    return dev.mpredis.machine.Failures.unwrap(failure) instanceof ClassifiedFailure lease
        ? lease.error
        : null;
  }

  /** The classified error. */
  public MachineError error() {
    return error;
  }
}
