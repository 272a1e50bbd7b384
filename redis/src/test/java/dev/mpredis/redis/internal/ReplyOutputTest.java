package dev.mpredis.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reply shapes that not every test server can send (RESP3 big numbers came to Lua in Redis 7),
 * fed as Lettuce's decoder feeds them.
 */
@Tag("unit")
class ReplyOutputTest {

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bigNumber_isBigInteger() {
    ReplyOutput output = new ReplyOutput();
    output.setBigNumber(bytes("123456789012345678901234567890"));
    assertThat(output.get()).isEqualTo(new BigInteger("123456789012345678901234567890"));
  }

  @Test
  void nestedAggregates_closeByCount() {
    ReplyOutput output = new ReplyOutput();
    output.multiMap(2);
    output.set(bytes("list"));
    output.multiArray(2);
    output.set(1L);
    output.multiSet(0);
    output.setSingle(bytes("set"));
    output.multiSet(1);
    output.set(true);
    assertThat(output.get()).isEqualTo(Map.of("list", List.of(1L, Set.of()), "set", Set.of(true)));
  }

  @Test
  void nullArray_andNullBulk_areNull() {
    ReplyOutput array = new ReplyOutput();
    array.multiArray(-1);
    assertThat(array.get()).isNull();
    ReplyOutput bulk = new ReplyOutput();
    bulk.set((ByteBuffer) null);
    assertThat(bulk.get()).isNull();
  }
}
