package dev.mpredis.redis.internal;

import dev.mpredis.machine.MachineError;

/** A well-formed connection string from which no manager can be built. */
public final class ManagerCreationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient MachineError error;

  public ManagerCreationException(MachineError error) {
    super(error.toString());
    this.error = error;
  }

  /** The classified error. */
  public MachineError error() {
    return error;
  }
}
