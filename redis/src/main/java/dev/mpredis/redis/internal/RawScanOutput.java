package dev.mpredis.redis.internal;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A SCAN reply with its keys as the server's bytes: a key that is not UTF-8 (written by another
 * client) must be removable by its own name, which a decoded {@code String} would not give back.
 * One per command; confined to the connection's I/O thread until the command completes.
 */
final class RawScanOutput extends CommandOutput<String, byte[], RawScanOutput.Page> {

  /**
   * One SCAN reply.
   *
   * @param cursor the cursor the server returned ({@code "0"}: the scan is complete)
   * @param keys the keys, as stored
   */
  record Page(String cursor, List<byte[]> keys) {}

  private String cursor;
  private final List<byte[]> keys = new ArrayList<>();

  RawScanOutput(RedisCodec<String, byte[]> codec) {
    super(codec, null);
  }

  @Override
  public void set(ByteBuffer bytes) {
    if (bytes == null) {
      return;
    }
    byte[] copy = new byte[bytes.remaining()];
    bytes.get(copy);
    if (cursor == null) {
      cursor = new String(copy, StandardCharsets.US_ASCII);
    } else {
      keys.add(copy);
    }
  }

  @Override
  public void complete(int depth) {
    if (depth == 0) {
      output = new Page(cursor, List.copyOf(keys));
    }
  }
}
