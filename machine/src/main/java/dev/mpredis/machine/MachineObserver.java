package dev.mpredis.machine;

/**
 * Hears of every run of a machine that names it as its observer ({@link Machine#observer(Record)}):
 * which machine, the exit it took, and how long it took. For metrics and tracing; it cannot change
 * the exit.
 *
 * <p>A run is observed once, when its exit is known, from the start of the machine's work to its
 * exit: the asynchronous face's stage completes, the synchronous face's wait ends (a synchronous
 * caller whose deadline passes gets the {@code error} exit with {@code TIMED_OUT} at once, while
 * the observer hears of the exit the work takes in the end). Inputs that cannot be built (the
 * {@code error} exit with {@code INVALID_INPUT} from a typed face's inputs, or a dynamic call's
 * validation) are not observed: no run started.
 *
 * <p>Called on the thread that completes the run, which may be an I/O thread: it must be fast and
 * must not block. A throw from it is caught and logged ({@link System.Logger}, {@code WARNING}),
 * never given to the caller. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface MachineObserver {

  /**
   * One run ended.
   *
   * @param machine the machine that ran
   * @param exit the exit it took
   * @param nanos how long it took, in nanoseconds ({@link System#nanoTime()})
   */
  void exited(Machine<?, ?> machine, Exit<?> exit, long nanos);
}
