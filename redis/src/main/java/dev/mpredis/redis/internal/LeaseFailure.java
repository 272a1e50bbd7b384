package dev.mpredis.redis.internal;

import dev.mpredis.machine.MachineError;

/**
 * Carries an already classified error through a future, so that the machine that waits on it can
 * take the right exit.
 */
public final class LeaseFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient MachineError error;

  public LeaseFailure(MachineError error) {
    super(error.toString(), null, false, false);
    this.error = error;
  }

  /**
   * The classified error a failed future carries, or {@code null} if the failure is not a
   * classified one.
   */
  public static MachineError errorOf(Throwable failure) {
    return dev.mpredis.machine.Failures.unwrap(failure) instanceof LeaseFailure lease
        ? lease.error
        : null;
  }

  /** The classified error. */
  public MachineError error() {
    return error;
  }
}
