package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The public mapper has the pack's rules for values, and is the caller's own copy. */
@Tag("unit")
class ValuesTest {

  @Test
  void jsonMapper_readsAndWritesAsThePack() throws JsonProcessingException {
    ObjectMapper json = Values.jsonMapper();
    assertThat(json.writeValueAsString("things")).isEqualTo("\"things\"");
    assertThat(json.readValue("{\"a\":[1,true,null]}", Object.class))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1, true, null)));
    assertThatThrownBy(() -> json.readValue("{\"a\":1,\"a\":2}", Object.class))
        .hasMessageContaining("Duplicate field 'a'");
    assertThatThrownBy(() -> json.readValue("1 2", Object.class))
        .hasMessageContaining("Trailing token");
    assertThatThrownBy(() -> json.writeValueAsString(List.of(Double.NaN)))
        .hasMessageContaining("NaN");
  }

  @Test
  void jsonMapper_isACopy_reconfiguringItChangesNothingElse() {
    Values.jsonMapper().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    assertThatThrownBy(() -> Values.jsonMapper().readValue("1 2", Object.class))
        .hasMessageContaining("Trailing token");
  }
}
