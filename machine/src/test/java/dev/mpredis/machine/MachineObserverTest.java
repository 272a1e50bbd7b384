package dev.mpredis.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MachineObserverTest {

  record Heard(String machine, String exit, long nanos) {}

  static final List<Heard> HEARD = new CopyOnWriteArrayList<>();

  /** Observed when its input names an observer: "quiet", "loud" (hears) or "throwing". */
  @Describe(
      friendlyName = "Watched",
      description = "Echo, observed.",
      sideEffects = SideEffects.CACHEABLE)
  public static final class Watched extends Machine<Watched.Inputs, Watched.Result> {
    static final MachineObserver LOUD =
        (machine, exit, nanos) -> HEARD.add(new Heard(machine.identity(), exit.exitName(), nanos));
    static final MachineObserver THROWING =
        (machine, exit, nanos) -> {
          throw new IllegalStateException("observer broke");
        };

    Watched() {
      super(Inputs.class, Result.class);
    }

    public record Inputs(
        @Input(description = "Who observes.") String observer,
        @Input(description = "Complete later, on another thread.", required = false) Boolean late) {

      public Inputs {
        if (observer == null) {
          throw new InvalidInputException("observer", "is required");
        }
      }
    }

    public sealed interface Result extends Exit<String> permits Success, Error {}

    @ExitDoc("Done.")
    public record Success(String text) implements Result, Exit.Successful {}

    @ExitDoc("Bad inputs.")
    public record Error(MachineError error) implements Result, Exit.Failed {}

    @Override
    protected MachineObserver observer(Inputs inputs) {
      return switch (inputs.observer()) {
        case "loud" -> LOUD;
        case "throwing" -> THROWING;
        default -> null;
      };
    }

    @Override
    protected CompletionStage<Result> execute(Inputs inputs) {
      if (Boolean.TRUE.equals(inputs.late())) {
        return CompletableFuture.supplyAsync(
            () -> new Success("late"),
            CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
      }
      return CompletableFuture.completedFuture(new Success(inputs.observer()));
    }

    @Override
    protected Result error(MachineError error) {
      return new Error(error);
    }
  }

  static final Watched WATCHED = new Watched();

  @Test
  void observer_hearsEveryFaceOnce_withItsExitAndDuration() {
    HEARD.clear();
    WATCHED.run(new Watched.Inputs("loud", null));
    WATCHED.runAsync(new Watched.Inputs("loud", true)).toCompletableFuture().join();
    WATCHED.run(Map.of("observer", "loud"));

    assertThat(HEARD)
        .extracting(Heard::machine, Heard::exit)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("watched", "success"))
        .hasSize(3);
    assertThat(HEARD.get(1).nanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
  }

  @Test
  void observer_null_hearsNothing_andInvalidInputsAreNoRun() {
    HEARD.clear();
    assertThat(WATCHED.run(new Watched.Inputs("quiet", null)).orThrow()).isEqualTo("quiet");
    assertThat(WATCHED.run(() -> new Watched.Inputs(null, null)).exitName()).isEqualTo("error");
    assertThat(HEARD).isEmpty();
  }

  @Test
  void observer_thatThrows_leavesTheExitAsItWas() {
    assertThat(WATCHED.run(new Watched.Inputs("throwing", null)).orThrow()).isEqualTo("throwing");
    assertThat(WATCHED.runAsync(new Watched.Inputs("throwing", true)).toCompletableFuture().join())
        .isEqualTo(new Watched.Success("late"));
  }
}
