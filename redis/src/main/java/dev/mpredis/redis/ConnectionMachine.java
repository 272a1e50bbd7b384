package dev.mpredis.redis;

import com.fasterxml.jackson.databind.JavaType;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDefault;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.MachineObserver;
import dev.mpredis.redis.internal.Lease;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The base of every machine that runs on a connection: it makes the check every such machine makes
 * first (is the {@code connection} input a live lease of this library? without touching the
 * network), exits {@code badConnection} when it is not, refuses a shared lease to a machine whose
 * spec declares that it needs a dedicated connection, and otherwise hands the lease to the
 * machine's work. A machine on a connection is only its work. Package-private: the engine types it
 * speaks ({@link Lease}) stay out of the API.
 *
 * @param <I> the inputs record, which has a {@code connection}
 * @param <R> the sealed result interface
 */
@ExitDefault(
    exit = "badConnection",
    value = "The connection was released, its manager destroyed, or it is not a connection.",
    outputExample = "CONNECTION_RELEASED: connection #3 was released")
abstract class ConnectionMachine<
        I extends Record & ConnectionMachine.HasConnection, R extends Exit<?>>
    extends Machine<I, R> {

  /** What the base needs of a machine's inputs record: its {@code connection} component. */
  interface HasConnection {
    /** The {@code connection} input. */
    Connection connection();
  }

  ConnectionMachine(Class<I> inputsType, Class<R> resultType) {
    super(inputsType, resultType, RedisErrorCode::of);
  }

  /** The work of a reader: on a lease, with its inputs, reading values as a type. */
  interface Reading<I, R> {
    CompletionStage<R> read(Lease lease, I inputs, JavaType type);
  }

  /** A typed asynchronous entry of a reader: {@code reading} on the inputs' lease, guarded. */
  final CompletionStage<R> runAsyncOnLease(I inputs, ReadAs<?> type, Reading<I, R> reading) {
    return inputs == null ? runAsync(inputs) : guard(inputs, () -> onLease(inputs, type, reading));
  }

  /** A typed synchronous entry of a reader: builds the inputs, runs {@code reading}, waits. */
  final R runOnLease(Supplier<I> inputs, ReadAs<?> type, Reading<I, R> reading) {
    return run(inputs, built -> onLease(built, type, reading));
  }

  /** {@code reading} on the inputs' lease, the values read as {@code type}; or the refusal. */
  private CompletionStage<R> onLease(I inputs, ReadAs<?> type, Reading<I, R> reading) {
    CompletionStage<R> refused = refusal(inputs);
    return refused != null
        ? refused
        : reading.read((Lease) inputs.connection(), inputs, ReadAs.javaType(type));
  }

  /**
   * {@code result} as the type its caller reads: for the typed entries of the readers, whose
   * machine runs on {@code Result<Object>} while the value was read as the caller's {@code T} (or
   * the exit holds no value).
   */
  @SuppressWarnings("unchecked")
  static <X> X retyped(Object result) {
    return (X) result;
  }

  /** The work on a live lease; may return a failed stage, which becomes the {@code error} exit. */
  abstract CompletionStage<R> work(Lease lease, I inputs);

  /** This machine's {@code badConnection} exit with the given report. */
  final R badConnection(MachineError error) {
    return exit("badConnection", error);
  }

  /**
   * The exit of a machine that needs a dedicated connection when it is given a shared lease: its
   * {@code error} exit unless the machine names another.
   */
  R sharedConnectionRefused(MachineError error) {
    return error(error);
  }

  /** The observer of the manager the connection belongs to; none for what is not a lease. */
  @Override
  protected final MachineObserver observer(I inputs) {
    return inputs.connection() instanceof Lease lease ? lease.manager().observer() : null;
  }

  @Override
  protected final CompletionStage<R> execute(I inputs) {
    CompletionStage<R> refused = refusal(inputs);
    return refused != null ? refused : work((Lease) inputs.connection(), inputs);
  }

  @Override
  protected final CompletionStage<R> executeWaiting(I inputs) {
    CompletionStage<R> refused = refusal(inputs);
    return refused != null ? refused : workWaiting((Lease) inputs.connection(), inputs);
  }

  /**
   * The work of a synchronous run, on the caller's thread (see {@link #executeWaiting(Record)}); by
   * default {@link #work(Lease, Record)}.
   */
  CompletionStage<R> workWaiting(Lease lease, I inputs) {
    return work(lease, inputs);
  }

  /**
   * The exit of every entry whose inputs' connection machines cannot run on (not a live lease of
   * this library, or a shared lease where a dedicated one is needed); {@code null} when they can.
   */
  private CompletionStage<R> refusal(I inputs) {
    MachineError problem = Lease.problem(inputs.connection());
    if (problem != null) {
      return CompletableFuture.completedFuture(badConnection(problem));
    }
    Lease lease = (Lease) inputs.connection();
    if (spec().needsDedicatedConnection() && !lease.isDedicated()) {
      return CompletableFuture.completedFuture(
          sharedConnectionRefused(
              MachineError.of(
                  RedisErrorCode.DEDICATED_CONNECTION_REQUIRED,
                  identity()
                      + " changes the connection's state, which would affect every lease of the"
                      + " shared connection; get a dedicated connection (get-connection with meta"
                      + " {\"dedicated\": true})")));
    }
    return null;
  }
}
