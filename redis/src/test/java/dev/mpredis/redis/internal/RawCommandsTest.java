package dev.mpredis.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which commands block, and for how long, as send-command reads their arguments. */
@Tag("unit")
class RawCommandsTest {

  @Test
  void blockTime_readsEachCommandsTimeoutArgument() {
    assertThat(RawCommands.blockTime("BLPOP", List.of("a", "b", "1.5")))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(RawCommands.blockTime("BLMPOP", List.of("2", "1", "a", "LEFT")))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(RawCommands.blockTime("XREAD", List.of("block", "250", "STREAMS", "s", "$")))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(RawCommands.blockTime("WAIT", List.of("1", "100")))
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void blockTime_isNullForNonBlockingForEverOrUnreadable() {
    assertThat(RawCommands.blockTime("GET", List.of("k"))).isNull();
    assertThat(RawCommands.blockTime("BLPOP", List.of("a", "0"))).isNull();
    assertThat(RawCommands.blockTime("BLPOP", List.of("a", "soon"))).isNull();
    assertThat(RawCommands.blockTime("XREAD", List.of("STREAMS", "s", "0"))).isNull();
    assertThat(RawCommands.blockTime("BLPOP", List.of())).isNull();
  }

  @Test
  void needsDedicated_stateBlockingAndClientSettings() {
    assertThat(RawCommands.needsDedicated("MULTI", List.of())).isTrue();
    assertThat(RawCommands.needsDedicated("CLIENT", List.of("tracking", "on"))).isTrue();
    assertThat(RawCommands.needsDedicated("CLIENT", List.of("LIST"))).isFalse();
    assertThat(RawCommands.needsDedicated("XREAD", List.of("STREAMS", "s", "0"))).isFalse();
    assertThat(RawCommands.needsDedicated("GET", List.of("k"))).isFalse();
  }
}
