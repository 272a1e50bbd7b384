package dev.mpredis.redis.internal;

import io.lettuce.core.protocol.CommandEncoder;
import io.lettuce.core.protocol.RedisCommand;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.Collection;

/** Encodes commands as Lettuce's {@link CommandEncoder} does, without logging their bytes. */
final class QuietEncoder extends MessageToByteEncoder<Object> {
  @Override
  protected void encode(ChannelHandlerContext ctx, Object message, ByteBuf out) {
    if (message instanceof RedisCommand<?, ?, ?> command) {
      encode(ctx, command, out);
    } else if (message instanceof Collection<?> commands) {
      for (Object command : commands) {
        encode(ctx, (RedisCommand<?, ?, ?>) command, out);
      }
    }
  }

  private static void encode(
      ChannelHandlerContext ctx, RedisCommand<?, ?, ?> command, ByteBuf out) {
    try {
      command.encode(out);
    } catch (RuntimeException e) {
      ctx.close(); // part of a command may be written: what follows would be out of step
      throw new EncoderException(
          "cannot encode a " + command.getType() + " command; the connection is closed", e);
    }
  }
}
