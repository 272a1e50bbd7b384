package dev.mpredis.machine;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A machine: a self-describing operation with declared inputs (a record annotated with {@link
 * Input}) and a closed set of exits (a sealed interface of records annotated with {@link ExitDoc}).
 * Subclasses implement one asynchronous method; this class derives every face from it:
 *
 * <ul>
 *   <li>typed: {@link #run(Record)} and {@link #runAsync(Record)};
 *   <li>dynamic, by input name: {@link #run(Map)} and {@link #runAsync(Map)}, which validate the
 *       inputs against the declaration first;
 *   <li>the reference: {@link #spec()}.
 * </ul>
 *
 * <p>No face throws for an expected failure: bad inputs, classified failures and unexpected
 * exceptions all become exits (see {@link Exit} for the throwables that are never exits). Result
 * stages never complete exceptionally. Machines are stateless and thread-safe.
 *
 * @param <I> the inputs record
 * @param <R> the sealed result interface
 */
public abstract class Machine<I extends Record, R extends Exit<?>> {

  /** How long the synchronous face waits when a machine does not say otherwise. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  private final MachineSpec spec;
  private final DynamicInputs<I> dynamicInputs;
  private final FailureExits failureExits;
  private final Function<Throwable, R> errorForFailure = this::errorFor;

  /** {@link #execute(Record)} as a step, made once: a run then allocates no function of its own. */
  private final Step<I, Void, R> executeStep = (inputs, none) -> execute(inputs);

  /** {@link #executeWaiting(Record)} as a step, made once. */
  private final Step<I, Void, R> waitingStep = (inputs, none) -> executeWaiting(inputs);

  private final Map<StandardErrorCode, ErrorCode> codes;

  /**
   * Reads the machine's declaration from its class ({@link Describe}), its inputs record and its
   * sealed result interface. The errors the runtime creates carry {@link StandardErrorCode}s.
   *
   * @throws IllegalStateException if the declaration is incomplete (a bug in the machine)
   */
  protected Machine(Class<I> inputsType, Class<R> resultType) {
    this(inputsType, resultType, standard -> standard);
  }

  /**
   * Like {@link #Machine(Class, Class)}, for a pack with codes of its own: every error the runtime
   * creates for this machine (bad inputs, a missed deadline, an unexpected failure) carries {@code
   * codes.apply(standard)} instead of the {@link StandardErrorCode}, so the pack's callers switch
   * on one type. The pack's code must have the standard code's name.
   *
   * @throws IllegalStateException if the declaration is incomplete, or {@code codes} gives null or
   *     a code of another name for a standard code (a bug in the machine)
   */
  protected Machine(
      Class<I> inputsType,
      Class<R> resultType,
      Function<StandardErrorCode, ? extends ErrorCode> codes) {
    this.spec = SpecReader.read(getClass(), inputsType, resultType);
    this.dynamicInputs = new DynamicInputs<>(inputsType, spec);
    this.failureExits = new FailureExits(resultType);
    Map<StandardErrorCode, ErrorCode> translated = new EnumMap<>(StandardErrorCode.class);
    for (StandardErrorCode standard : StandardErrorCode.values()) {
      ErrorCode code = codes.apply(standard);
      if (code == null || !standard.name().equals(code.name())) {
        throw new IllegalStateException(
            getClass().getName() + " translates " + standard + " to " + code + ", not a namesake");
      }
      translated.put(standard, code);
    }
    this.codes = translated;
  }

  /** The machine's declaration. */
  public final MachineSpec spec() {
    return spec;
  }

  /** The machine's identity, for example {@code get-cached-value}. */
  public final String identity() {
    return spec.identity();
  }

  /** Does the work. May throw or fail its stage; the caller's faces turn that into exits. */
  protected abstract CompletionStage<R> execute(I inputs);

  /** This machine's {@code error} exit with the given report. */
  protected R error(MachineError error) {
    return exit("error", error);
  }

  /**
   * This machine's exit named {@code exitName} carrying {@code error}, built from the exit's record
   * (one whose only component is a {@link MachineError}).
   *
   * @throws IllegalArgumentException if the machine has no such exit
   */
  @SuppressWarnings("unchecked") // the exits are the permitted subtypes of R
  protected final R exit(String exitName, MachineError error) {
    return (R) failureExits.build(exitName, error);
  }

  /** How long the synchronous face waits for these inputs. */
  protected Duration deadline(I inputs) {
    return DEFAULT_DEADLINE;
  }

  /**
   * The work of a synchronous run ({@link #run(Record)}, and so the dynamic {@link #run(Map)}),
   * called on the caller's thread, which waits for the exit anyway: a machine may override it to do
   * part of its work there instead of on an I/O thread (a bulk read decoding each reply as it
   * arrives, while the next one is still being read). It must end by {@link #deadline(Record)},
   * with {@link #late(Duration, Throwable)} when it cannot. By default {@link #execute(Record)}.
   */
  protected CompletionStage<R> executeWaiting(I inputs) {
    return execute(inputs);
  }

  /** Runs the machine; the stage never completes exceptionally. */
  public final CompletionStage<R> runAsync(I inputs) {
    if (inputs == null) {
      return CompletableFuture.completedFuture(
          error(MachineError.of(code(StandardErrorCode.INVALID_INPUT), "inputs must not be null")));
    }
    return guarded(inputs, null, executeStep);
  }

  /**
   * Who observes a run with these inputs: {@code null} (the default) for nobody, and then a run
   * costs one call of this method more, nothing else. A pack overrides it to hand runs to an
   * observer its inputs lead to (for example the one registered with the manager a connection
   * belongs to). Called once per run, before the work starts, on the caller's thread; must be cheap
   * and must not throw.
   */
  protected MachineObserver observer(I inputs) {
    return null;
  }

  /**
   * {@link #guard(Supplier)}, and the run reported to {@link #observer(Record) observer(inputs)}
   * once its exit is known. Every face that runs the work goes through here.
   */
  protected final CompletionStage<R> guard(I inputs, Supplier<CompletionStage<R>> work) {
    return guarded(inputs, work, (in, supplied) -> supplied.get());
  }

  /**
   * The work of a run: its inputs and one more argument in, its stage out. The faces pass what they
   * need as the argument to a step made once, instead of a lambda capturing it on every call.
   */
  @FunctionalInterface
  private interface Step<I, A, R> {
    CompletionStage<R> start(I inputs, A argument);
  }

  /** {@link #guard(Record, Supplier)} without a supplier: {@code step.start(inputs, argument)}. */
  private <A> CompletionStage<R> guarded(I inputs, A argument, Step<I, A, R> step) {
    return guarded(inputs, argument, step, observer(inputs));
  }

  private <A> CompletionStage<R> guarded(
      I inputs, A argument, Step<I, A, R> step, MachineObserver observer) {
    if (observer == null) {
      return guarded(started(inputs, argument, step));
    }
    long start = System.nanoTime();
    CompletionStage<R> stage = guarded(started(inputs, argument, step));
    if (stage instanceof CompletableFuture<R> future
        && future.isDone()
        && !future.isCompletedExceptionally()) {
      tell(observer, future.join(), start);
      return stage;
    }
    return stage.thenApply(
        exit -> {
          tell(observer, exit, start);
          return exit;
        });
  }

  private void tell(MachineObserver observer, R exit, long start) {
    try {
      observer.exited(this, exit, System.nanoTime() - start);
    } catch (RuntimeException e) {
      ObserverLog.LOG.log(
          System.Logger.Level.WARNING, "observer of " + identity() + " threw; exit kept", e);
    }
  }

  /**
   * Runs {@code work} so that its failures become exits: a throw or a failed stage becomes the
   * {@code error} exit. For machines that offer extra typed entry points besides {@link
   * #execute(Record)}.
   */
  protected final CompletionStage<R> guard(Supplier<CompletionStage<R>> work) {
    return guarded(started(null, work, (none, supplied) -> supplied.get()));
  }

  /**
   * The stage of {@code step}, or the exit its throw stands for: an {@link InvalidInputException}
   * the {@code error} exit for bad input, any other the {@code error} exit for an unexpected
   * failure.
   */
  private <A> CompletionStage<R> started(I inputs, A argument, Step<I, A, R> step) {
    try {
      return Objects.requireNonNull(step.start(inputs, argument), "the machine returned no stage");
    } catch (InvalidInputException e) {
      return CompletableFuture.completedFuture(invalid(e));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(error(unexpected(e)));
    }
  }

  /** {@code stage} with a failure turned into the {@code error} exit. */
  private CompletionStage<R> guarded(CompletionStage<R> stage) {
    if (stage instanceof CompletableFuture<R> future
        && future.isDone()
        && !future.isCompletedExceptionally()) {
      return stage; // the common fast path: no extra stage
    }
    return stage.exceptionally(errorForFailure);
  }

  /**
   * Builds the inputs and runs {@code work} on them, guarded and waited for like {@link
   * #run(Record)}: for machines that offer extra typed entry points besides {@link
   * #execute(Record)}. An {@link InvalidInputException} from the inputs becomes the {@code error}
   * exit.
   */
  protected final R run(Supplier<I> inputs, Function<I, CompletionStage<R>> work) {
    I built;
    try {
      built = inputs.get();
    } catch (InvalidInputException e) {
      return invalid(e);
    }
    return awaited(built, work, (in, function) -> function.apply(in));
  }

  /**
   * Runs {@code step} on {@code inputs} and waits for the exit: the synchronous faces. Unobserved,
   * the stage is waited for as it is and a failure becomes the {@code error} exit here, as {@link
   * #guard(Supplier)} would make it, without one more stage per run.
   */
  private <A> R awaited(I inputs, A argument, Step<I, A, R> step) {
    MachineObserver observer = observer(inputs);
    CompletionStage<R> stage =
        observer == null
            ? started(inputs, argument, step)
            : guarded(inputs, argument, step, observer);
    return await(stage, deadline(inputs));
  }

  /**
   * Waits for {@code stage} at most {@code deadline}; the {@code error} exit when it is late, or
   * when the stage failed (as {@link #guard(Supplier)} maps a failure).
   */
  protected final R await(CompletionStage<R> stage, Duration deadline) {
    CompletableFuture<R> future = stage.toCompletableFuture();
    try {
      if (future.isDone()) {
        return future.join();
      }
      return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (CompletionException | CancellationException e) {
      return errorFor(e);
    } catch (TimeoutException e) {
      return late(deadline, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(identity() + " was interrupted while waiting", e);
    } catch (ExecutionException e) {
      return errorFor(e.getCause());
    }
  }

  /** The {@code error} exit of a synchronous run that did not end within {@code deadline}. */
  protected final R late(Duration deadline, Throwable cause) {
    return error(
        MachineError.of(
            code(StandardErrorCode.TIMED_OUT),
            identity() + " did not finish within " + deadline.toMillis() + " ms",
            cause));
  }

  /**
   * Builds the inputs and runs the machine: an {@link InvalidInputException} from the inputs'
   * constructor becomes the {@code error} exit, so a typed call never throws for bad input.
   */
  public final CompletionStage<R> runAsync(Supplier<I> inputs) {
    try {
      return runAsync(inputs.get());
    } catch (InvalidInputException e) {
      return CompletableFuture.completedFuture(invalid(e));
    }
  }

  /** Runs the machine and waits for its exit, at most {@link #deadline(Record)}. */
  public final R run(I inputs) {
    if (inputs == null) {
      return await(runAsync(inputs), DEFAULT_DEADLINE);
    }
    return awaited(inputs, null, waitingStep);
  }

  /** Builds the inputs and runs the machine; see {@link #runAsync(Supplier)}. */
  public final R run(Supplier<I> inputs) {
    try {
      return run(inputs.get());
    } catch (InvalidInputException e) {
      return invalid(e);
    }
  }

  /**
   * Runs the machine by input name, after validating the inputs against the declaration: a missing
   * required input, an unknown name or a value of the wrong type ends in the {@code error} exit,
   * whose message names the input.
   */
  public final CompletionStage<Outcome> runAsync(Map<String, ?> inputs) {
    I typed;
    try {
      typed = dynamicInputs.build(inputs);
    } catch (InvalidInputException e) {
      return CompletableFuture.completedFuture(Outcome.of(invalid(e)));
    }
    return runAsync(typed).thenApply(Outcome::of);
  }

  /** Runs the machine by input name and waits; see {@link #runAsync(Map)}. */
  public final Outcome run(Map<String, ?> inputs) {
    try {
      return Outcome.of(run(dynamicInputs.build(inputs)));
    } catch (InvalidInputException e) {
      return Outcome.of(invalid(e));
    }
  }

  private R invalid(InvalidInputException e) {
    return error(
        MachineError.of(code(StandardErrorCode.INVALID_INPUT), identity() + ": " + e.getMessage()));
  }

  private R errorFor(Throwable failure) {
    Throwable cause = Failures.unwrap(failure);
    Failures.rethrowIfFatal(cause);
    if (cause instanceof InvalidInputException invalid) {
      return invalid(invalid);
    }
    return error(unexpected(cause));
  }

  private MachineError unexpected(Throwable cause) {
    return MachineError.of(
        code(StandardErrorCode.UNEXPECTED),
        identity() + " failed unexpectedly: " + cause.getClass().getSimpleName(),
        cause);
  }

  /** The code this machine's errors carry for {@code standard}. */
  private ErrorCode code(StandardErrorCode standard) {
    return codes.get(standard);
  }

  @Override
  public String toString() {
    return "Machine[" + identity() + "]";
  }

  /**
   * The log of observers that throw, found when one first does: finding a logger starts the logging
   * backend, which a process that never needs it (a command that runs one machine) should not pay
   * for.
   */
  private static final class ObserverLog {
    static final System.Logger LOG = System.getLogger(MachineObserver.class.getName());

    private ObserverLog() {}
  }
}
