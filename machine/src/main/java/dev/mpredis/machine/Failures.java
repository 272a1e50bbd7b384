package dev.mpredis.machine;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What the runtime does with throwables: unwrap the future wrappers, let fatal ones through. */
public final class Failures {

  private Failures() {}

  /** The failure inside {@link CompletionException} and {@link ExecutionException} wrappers. */
  public static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** Whether no exit may stand for it: the JVM or the class path is broken. */
  public static boolean isFatal(Throwable failure) {
    return failure instanceof VirtualMachineError || failure instanceof LinkageError;
  }

  /** Rethrows {@code failure} if it {@linkplain #isFatal(Throwable) is fatal}. */
  public static void rethrowIfFatal(Throwable failure) {
    if (isFatal(failure)) {
      throw (Error) failure;
    }
  }
}
