package dev.mpredis.redis.internal;

import io.lettuce.core.codec.RedisCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys as UTF-8 strings, values as raw bytes: values are JSON text we encode and decode ourselves,
 * so Lettuce never builds an intermediate {@code String} of them. Stateless.
 */
public final class KeyValueCodec implements RedisCodec<String, byte[]> {

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
}
