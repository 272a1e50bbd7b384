package dev.mpredis.redis.internal;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.protocol.RedisHandshakeHandler;
import io.lettuce.core.protocol.RedisProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the server's refusal of a connection so a failed connect can say why. Thread-safe; one per
 * manager.
 *
 * <p>Why: when the server answers the handshake with an error ({@code WRONGPASS}, {@code NOAUTH})
 * or refuses a client outright and hangs up ({@code -DENIED} in protected mode, {@code -ERR max
 * number of clients reached}), Lettuce fails the connect with that error, unless the channel's
 * close overtakes it: then the connect fails with "Connection closed prematurely" and the server's
 * answer is lost (a race inside Lettuce's handshake, seen under CPU load about once in 200 wrong
 * passwords). A handler of ours reads the first reply of every new link before Lettuce does, and a
 * failed connect that carries no server error is explained by the refusal read during it.
 */
final class HandshakeRefusals {

  /** Longest first line kept; Redis's own refusals are well under this. */
  private static final int MAX_LINE = 1024;

  /** The first bytes of every RESP2/RESP3 reply type. */
  private static final String RESP_TYPES = "+-:$*_,#!=(%~>|";

  /** How many first bytes of a peer that is not Redis a message shows. */
  private static final int PREVIEW = 24;

  /** What the first reply said: the server's error text, or a protocol failure. */
  private record Refusal(String text, boolean notRedis, long atNanos) {}

  private volatile Refusal last;

  /** Adds the reader of first replies to a new channel, just before Lettuce's handshake. */
  void watch(Channel channel) {
    var handshake = channel.pipeline().context(RedisHandshakeHandler.class);
    if (handshake != null) { // after TLS, so it reads plain text
      channel.pipeline().addBefore(handshake.name(), "mp-redis-first-reply", new FirstReply());
    }
  }

  /**
   * {@code failure}, or the server's refusal read since {@code startedNanos} when the failure
   * carries no server error of its own (the channel's close overtook the handshake's error).
   */
  Throwable explain(Throwable failure, long startedNanos) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RedisCommandExecutionException) {
        return failure;
      }
    }
    Refusal refusal = last;
    if (refusal == null || refusal.atNanos() - startedNanos < 0) {
      return failure;
    }
    RuntimeException explained =
        refusal.notRedis()
            ? new RedisProtocolException(refusal.text())
            : new RedisCommandExecutionException(refusal.text());
    explained.addSuppressed(failure);
    return explained;
  }

  private void record(String text, boolean notRedis) {
    last = new Refusal(text, notRedis, System.nanoTime());
  }

  /** Reads the first bytes a link receives, keeps a refusal or a non-RESP start, then leaves. */
  private final class FirstReply extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
        byte first = bytes.getByte(bytes.readerIndex());
        if (RESP_TYPES.indexOf(first) < 0) {
          record("the peer is not a Redis server: its first bytes are " + preview(bytes), true);
        } else {
          String line = errorLine(bytes);
          if (line != null
              && !line.startsWith("ERR unknown command")
              && !line.startsWith("NOPROTO")) {
            record(
                line, false); // an old server's answer to HELLO is no refusal: Lettuce falls back
          }
        }
        ctx.pipeline().remove(this);
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** The first bytes, quoted and escaped (never more than {@value #PREVIEW}). */
  private static String preview(ByteBuf bytes) {
    int length = Math.min(bytes.readableBytes(), PREVIEW);
    return Text.quote(bytes.toString(bytes.readerIndex(), length, StandardCharsets.ISO_8859_1));
  }

  /** The text of the RESP error line at the start of {@code bytes}, or {@code null}. */
  private static String errorLine(ByteBuf bytes) {
    int start = bytes.readerIndex();
    if (bytes.getByte(start) != '-') {
      return null;
    }
    int end = Math.min(bytes.writerIndex(), start + MAX_LINE);
    for (int i = start + 1; i < end - 1; i++) {
      if (bytes.getByte(i) == '\r' && bytes.getByte(i + 1) == '\n') {
        return bytes.toString(start + 1, i - start - 1, StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
