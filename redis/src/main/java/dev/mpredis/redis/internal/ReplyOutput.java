package dev.mpredis.redis.internal;

import io.lettuce.core.output.CommandOutput;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A Lettuce output that keeps the structure of any reply as plain Java values: bulk, simple and
 * verbatim strings as {@link String} (a bulk string that is not valid UTF-8 as a one-entry map
 * {@code {"base64": "..."}}), integers as {@link Long}, RESP3 doubles as {@link Double}, booleans
 * as {@link Boolean}, big numbers as {@link BigInteger}, arrays and pushes as {@link List}, RESP3
 * maps as {@link Map} and sets as {@link java.util.Set}, nulls as {@code null}. Aggregates end by
 * count, not by Lettuce's depth signals, so the output also works under a transaction's output
 * (which forwards only some calls). Not thread-safe: one per command, filled by the event loop.
 */
public final class ReplyOutput extends CommandOutput<String, byte[], Object> {

  /** The key of the map that stands for a bulk string that is not valid UTF-8. */
  public static final String BASE64 = "base64";

  private enum Kind {
    ARRAY,
    MAP,
    SET
  }

  /** An aggregate being filled: its kind, how many elements it still waits for, and them. */
  private static final class Frame {
    final Kind kind;
    int remaining;
    final List<Object> items;

    Frame(Kind kind, int count) {
      this.kind = kind;
      this.remaining = count;
      this.items = new ArrayList<>(Math.min(count, 1024));
    }

    Object value() {
      return switch (kind) {
        case ARRAY -> items;
        case SET -> new LinkedHashSet<>(items);
        case MAP -> {
          Map<Object, Object> map = new LinkedHashMap<>();
          for (int i = 0; i + 1 < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
          }
          yield map;
        }
      };
    }
  }

  private final Deque<Frame> open = new ArrayDeque<>();

  /** Creates an empty output. */
  public ReplyOutput() {
    super(KeyValueCodec.INSTANCE, null);
  }

  @Override
  public void set(ByteBuffer bytes) {
    add(bytes == null ? null : text(bytes));
  }

  @Override
  public void setSingle(ByteBuffer bytes) {
    add(bytes == null ? null : StandardCharsets.UTF_8.decode(bytes).toString());
  }

  @Override
  public void setBigNumber(ByteBuffer bytes) {
    add(bytes == null ? null : new BigInteger(StandardCharsets.US_ASCII.decode(bytes).toString()));
  }

  @Override
  public void set(long integer) {
    add(integer);
  }

  @Override
  public void set(double number) {
    add(number);
  }

  @Override
  public void set(boolean value) {
    add(value);
  }

  @Override
  public void multi(int count) {
    begin(Kind.ARRAY, count);
  }

  @Override
  public void multiArray(int count) {
    begin(Kind.ARRAY, count);
  }

  @Override
  public void multiPush(int count) {
    begin(Kind.ARRAY, count);
  }

  @Override
  public void multiSet(int count) {
    begin(Kind.SET, count);
  }

  @Override
  public void multiMap(int count) {
    begin(Kind.MAP, count < 0 ? count : count * 2);
  }

  private void begin(Kind kind, int count) {
    if (count < 0) {
      add(null); // RESP2's null array
      return;
    }
    Frame frame = new Frame(kind, count);
    if (count == 0) {
      add(frame.value());
    } else {
      open.push(frame);
    }
  }

  private void add(Object value) {
    Object done = value;
    while (true) {
      Frame top = open.peek();
      if (top == null) {
        output = done;
        return;
      }
      top.items.add(done);
      if (--top.remaining > 0) {
        return;
      }
      open.pop();
      done = top.value();
    }
  }

  /** The bytes as text when they are valid UTF-8, otherwise as {@code {"base64": "..."}}. */
  static Object text(ByteBuffer bytes) {
    ByteBuffer copy = bytes.duplicate();
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(copy);
      return chars.toString();
    } catch (CharacterCodingException e) {
      byte[] raw = new byte[bytes.remaining()];
      bytes.duplicate().get(raw);
      return Map.of(BASE64, Base64.getEncoder().encodeToString(raw));
    }
  }
}
