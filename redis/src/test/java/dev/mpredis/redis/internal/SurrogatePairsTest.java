package dev.mpredis.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SurrogatePairsTest {

  private static String combine(String json) {
    return new String(
        SurrogatePairs.combine(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  @Test
  void combine_escapedPair_becomesTheCharacter_inEitherCase() {
    assertThat(combine("\"a \\uD83D\\uDE00 b\"")).isEqualTo("\"a \uD83D\uDE00 b\"");
    assertThat(combine("\"\\ud83d\\ude00\\uD83D\\uDE01\""))
        .isEqualTo("\"\uD83D\uDE00\uD83D\uDE01\"");
  }

  @Test
  void combine_loneSurrogates_stayEscaped() {
    assertThat(combine("\"a\\uD800b\\uDC00\"")).isEqualTo("\"a\\uD800b\\uDC00\"");
    assertThat(combine("\"\\uDE00\\uD83D\"")).isEqualTo("\"\\uDE00\\uD83D\"");
    assertThat(combine("\"\\uD83D\"")).isEqualTo("\"\\uD83D\"");
  }

  @Test
  void combine_escapedBackslash_isNotTheStartOfAnEscape() {
    assertThat(combine("\"\\\\uD83D\\uDE00\"")).isEqualTo("\"\\\\uD83D\\uDE00\"");
    assertThat(combine("\"\\\\\\uD83D\\uDE00\"")).isEqualTo("\"\\\\\uD83D\uDE00\"");
  }

  @Test
  void combine_textWithoutPairs_isReturnedAsItIs() {
    byte[] json = "{\"k\":\"\\n\\u0001 ü\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(SurrogatePairs.combine(json)).isSameAs(json);
  }
}
