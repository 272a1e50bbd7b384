package dev.mpredis.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class KeyValueCodecTest {

  private static final KeyValueCodec CODEC = KeyValueCodec.INSTANCE;

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static byte[] bytes(ByteBuf buffer) {
    byte[] out = new byte[buffer.readableBytes()];
    buffer.readBytes(out);
    return out;
  }

  // The direct path must put on the wire what the ByteBuffer path (and cluster slot hashing) sees.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "k",
        "bench:key:42",
        "ü é",
        "\uD83D\uDE00 emoji",
        "lone \uD800 high",
        "\uDC00low",
        "end\uD83D"
      })
  void encodeKey_intoByteBuf_isTheUtf8OfTheKey_andItsExactSize(String key) {
    ByteBuf target = Unpooled.buffer();
    CODEC.encodeKey(key, target);

    assertThat(CODEC.isEstimateExact()).isTrue();
    assertThat(CODEC.estimateSize(key)).isEqualTo(target.readableBytes());
    byte[] written = bytes(target);
    assertThat(written).isEqualTo(bytes(CODEC.encodeKey(key)));
    assertThat(written).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void encodeValue_intoByteBuf_isTheBytes_andNullIsEmpty() {
    byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    ByteBuf target = Unpooled.buffer();
    CODEC.encodeValue(json, target);
    assertThat(CODEC.estimateSize(json)).isEqualTo(json.length);
    assertThat(bytes(target)).isEqualTo(json);

    ByteBuf empty = Unpooled.buffer();
    CODEC.encodeValue(null, empty);
    assertThat(CODEC.estimateSize(null)).isZero();
    assertThat(empty.readableBytes()).isZero();
    assertThat(bytes(CODEC.encodeValue(null))).isEmpty();
  }
}
