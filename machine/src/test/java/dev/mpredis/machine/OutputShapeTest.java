package dev.mpredis.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The dynamic face's output shapes, and handle inputs given a foreign value. */
@Tag("unit")
class OutputShapeTest {

  private static final ShapesMachine SHAPES = new ShapesMachine();

  private static Outcome run(Map<String, ?> inputs) {
    return SHAPES.run(inputs);
  }

  @Test
  void spec_declaresEveryShape() {
    Map<String, String> shapes = new LinkedHashMap<>();
    SHAPES.spec().exits().forEach(e -> shapes.put(e.name(), e.dynamicOutput()));

    assertThat(shapes)
        .containsExactly(
            Map.entry("success", "{value}"),
            Map.entry("counted", "{seen, count}"),
            Map.entry("url", "url, bare"),
            Map.entry("nothing", "none"),
            Map.entry("badToken", "{error}"),
            Map.entry("error", "error, bare"));
    assertThat(SHAPES.spec().exit("counted").orElseThrow().outputShape())
        .isEqualTo(OutputShape.REPORT);
  }

  @Test
  void run_oneComponent_isAReportNamedByIt_evenWhenNull() {
    Outcome outcome = run(Map.of("exit", "success"));

    Map<String, Object> expected = new HashMap<>();
    expected.put("value", null);
    assertThat(outcome.output()).isEqualTo(expected);
    assertThat(outcome.exit().output()).isNull(); // the typed face is unchanged
  }

  @Test
  void run_reportRecord_isUnfoldedIntoItsComponents() {
    Outcome outcome = run(Map.of("exit", "counted"));

    assertThat(outcome.output()).isEqualTo(Map.of("seen", List.of("a", "b"), "count", 2L));
    @SuppressWarnings("unchecked")
    Map<String, Object> report = (Map<String, Object>) outcome.output();
    assertThat(report).containsOnlyKeys("seen", "count");
    assertThatThrownBy(() -> report.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void run_bareAndNone_andTheErrorExitGivesItsReportBare() {
    assertThat(run(Map.of("exit", "url")).output()).isEqualTo("redis://x");
    assertThat(run(Map.of("exit", "nothing")).output()).isNull();

    Outcome error = run(Map.of());
    assertThat(error.exitName()).isEqualTo("error");
    assertThat(error.output()).isSameAs(error.error().orElseThrow());
  }

  @Test
  void run_foreignValueForAHandle_reachesTheMachinesOwnCheck() {
    for (Object foreign : List.of(Map.of(), "token", 7)) {
      Outcome outcome = run(Map.of("exit", "token", "token", foreign));

      assertThat(outcome.exitName()).isEqualTo("badToken");
      assertThat(outcome.error().orElseThrow().message())
          .isEqualTo("not a real token: " + foreign.getClass().getSimpleName());
      assertThat(outcome.output()).isEqualTo(Map.of("error", outcome.error().orElseThrow()));
    }
    assertThat(run(Map.of("exit", "token", "token", new ShapesMachine.RealToken())).output())
        .isEqualTo(Map.of("value", true));
  }

  @Test
  void foreignValue_refusesToActAsTheHandle() {
    Object foreign = ForeignValues.of(ShapesMachine.Token.class, Map.of());

    assertThat(foreign).isInstanceOf(ShapesMachine.Token.class).isInstanceOf(ForeignValue.class);
    assertThat(foreign.toString()).contains("MapN").contains("Token");
    assertThat(foreign)
        .isEqualTo(foreign)
        .isNotEqualTo(ForeignValues.of(ShapesMachine.Token.class, 1));
    assertThatThrownBy(() -> ((ShapesMachine.Token) foreign).isReal())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("isReal");
  }

  @Test
  void run_handleInput_missingOrNull_isTheErrorExitAsForAnyInput() {
    Map<String, Object> nullToken = new HashMap<>();
    nullToken.put("exit", "nothing");
    nullToken.put("token", null);

    assertThat(run(nullToken).exitName()).isEqualTo("nothing"); // optional here: null is absent
    assertThat(run(Map.of("token", Map.of())).exitName()).isEqualTo("error"); // exit missing
  }
}
