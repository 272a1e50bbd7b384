package dev.mpredis.redis.internal;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys as UTF-8 strings, values as raw bytes: values are JSON text we encode and decode ourselves,
 * so Lettuce never builds an intermediate {@code String} of them. Stateless.
 *
 * <p>Also a {@link ToByteBufEncoder} whose sizes are exact: Lettuce then writes each key and value
 * straight into the outgoing buffer, instead of through a {@code byte[]} and a {@link ByteBuffer}
 * made for every argument of every command. Netty's UTF-8 writer and {@link String#getBytes} agree
 * byte for byte, a lone surrogate included (both write {@code ?}), so a key is the same on the wire
 * whichever path encodes it (cluster slots still hash {@link #encodeKey(String)}).
 */
public final class KeyValueCodec
    implements RedisCodec<String, byte[]>, ToByteBufEncoder<String, byte[]> {

  /** The one instance. */
  public static final KeyValueCodec INSTANCE = new KeyValueCodec();

  private static final byte[] EMPTY = new byte[0];

  private KeyValueCodec() {}

  @Override
  public String decodeKey(ByteBuffer bytes) {
    return StandardCharsets.UTF_8.decode(bytes).toString();
  }

  @Override
  public byte[] decodeValue(ByteBuffer bytes) {
    if (!bytes.hasRemaining()) {
      return EMPTY;
    }
    byte[] value = new byte[bytes.remaining()];
    bytes.get(value);
    return value;
  }

  @Override
  public ByteBuffer encodeKey(String key) {
    return ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public ByteBuffer encodeValue(byte[] value) {
    return ByteBuffer.wrap(value == null ? EMPTY : value);
  }

  @Override
  public void encodeKey(String key, ByteBuf target) {
    ByteBufUtil.writeUtf8(target, key);
  }

  @Override
  public void encodeValue(byte[] value, ByteBuf target) {
    if (value != null) {
      target.writeBytes(value);
    }
  }

  @Override
  public int estimateSize(Object keyOrValue) {
    if (keyOrValue instanceof String key) {
      return ByteBufUtil.utf8Bytes(key);
    }
    return keyOrValue instanceof byte[] value ? value.length : 0;
  }

  @Override
  public boolean isEstimateExact() {
    return true;
  }
}
