package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mpredis.redis.internal.Json;
import dev.mpredis.redis.internal.JsonTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stored values are read with a duplicate-key check of our own (cheaper than Jackson's): every text
 * and type here must come out as Jackson's STRICT_DUPLICATE_DETECTION has it, the mapper's own
 * readValue being the reference: the same value, or a failure of the same class and message (its
 * location aside).
 */
@Tag("unit")
class JsonDuplicateKeysTest {

  record Point(int x, int y) {}

  record Shape(String name, List<Point> points, Map<String, Object> extra, Point anchor) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Lenient(String name) {}

  private static final List<String> TEXTS = texts();

  private static List<String> texts() {
    List<String> texts = new ArrayList<>();
    texts.add("{\"x\":1,\"y\":2}");
    texts.add("{\"x\":1,\"x\":2}");
    texts.add("{\"x\":1,\"y\":2,\"x\":3}");
    texts.add("{\"a\":{\"x\":1},\"b\":{\"x\":2}}"); // same key in sibling objects: fine
    texts.add("[{\"x\":1},{\"x\":1}]"); // same key in objects of an array: fine
    texts.add("{\"x\":{\"x\":{\"x\":1}}}"); // same key at every depth: fine
    texts.add("{\"a\":{\"b\":1,\"b\":2}}");
    texts.add("[{\"b\":{\"a\":1,\"a\":1}}]");
    texts.add("{\"a\":[1,{\"c\":1,\"d\":2,\"c\":3}],\"z\":0}");
    texts.add("{\"a\":{},\"a\":[]}");
    texts.add(
        "{\"name\":\"s\",\"points\":[{\"x\":1,\"y\":2},{\"x\":3,\"y\":4}],"
            + "\"extra\":{\"k\":1,\"l\":{\"m\":[]}},\"anchor\":{\"x\":0,\"y\":0}}");
    texts.add("{\"name\":\"s\",\"points\":[{\"x\":1,\"y\":2,\"y\":4}]}");
    texts.add("{\"name\":\"s\",\"extra\":{\"k\":1,\"k\":2}}");
    texts.add("{\"name\":\"s\",\"unknown\":{\"q\":1,\"q\":2}}"); // inside a skipped value
    texts.add("{\"name\":\"s\",\"unknown\":[{\"q\":1},{\"q\":2}],\"other\":{\"r\":[[{}]]}}");
    texts.add("{\"name\":\"s\",\"name\":\"t\"}");
    texts.add("{\"name\":\"a\",\"anchor\":{\"x\":1,\"y\":2},\"anchor\":null}");
    // more keys than are checked by scanning, with the duplicate early, late and in a nested object
    texts.add(object(40, ""));
    texts.add(object(40, ",\"k3\":0"));
    texts.add(object(40, ",\"k39\":0"));
    texts.add("{\"outer\":" + object(40, ",\"k20\":1") + "}");
    texts.add("[" + object(17, "") + "," + object(17, "") + "]");
    texts.add("{\"big\":" + object(30, "") + ",\"big2\":" + object(30, "") + ",\"k0\":1}");
    texts.add("{\"big\":" + object(30, "") + ",\"big\":1}");
    texts.add("{\"x\":1} {\"x\":1}"); // trailing text
    texts.add("{\"x\":1,"); // truncated
    texts.add("");
    texts.add("null");
    texts.add("\"text\"");
    texts.add("[1,2,[3,[4]]]");
    return texts;
  }

  private static String object(int keys, String tail) {
    return IntStream.range(0, keys)
            .mapToObj(i -> "\"k" + i + "\":" + i)
            .collect(Collectors.joining(",", "{", ""))
        + tail
        + "}";
  }

  private static final List<JavaType> TYPES =
      List.of(
          JsonTypes.of(Object.class),
          JsonTypes.of(JsonNode.class),
          JsonTypes.of(new TypeReference<Map<String, Object>>() {}),
          JsonTypes.of(new TypeReference<List<Object>>() {}),
          JsonTypes.of(Point.class),
          JsonTypes.of(Shape.class),
          JsonTypes.of(Lenient.class));

  /** The outcome of a read: the value, or the failure's class and message without location. */
  private static Object outcome(ThrowingRead read) {
    try {
      return read.read();
    } catch (Exception e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      int at = message.indexOf("\n at [Source");
      return e.getClass().getName() + ": " + (at < 0 ? message : message.substring(0, at));
    }
  }

  interface ThrowingRead {
    Object read() throws Exception;
  }

  @Test
  void read_refusesDuplicateKeys_exactlyAsJacksonsStrictDetection() {
    for (String text : TEXTS) {
      byte[] json = text.getBytes(StandardCharsets.UTF_8);
      for (JavaType type : TYPES) {
        Object expected = outcome(() -> Json.mapper().readValue(json, type));
        Object actual = outcome(() -> JsonTypes.read(json, type));
        assertThat(actual).as("%s as %s", text, type).isEqualTo(expected);
      }
      assertThat(outcome(() -> Json.read(json)))
          .as(text)
          .isEqualTo(outcome(() -> Json.mapper().readValue(json, Object.class)));
    }
  }

  @Test
  void read_duplicateKey_isJacksonsParseException_namingTheKey() {
    byte[] json = "{\"a\":1,\"b\":{\"c\":1,\"c\":2}}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Json.read(json))
        .isInstanceOf(JsonParseException.class)
        .hasMessageStartingWith("Duplicate field 'c'");
  }
}
