package dev.mpredis.redis.internal;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.RedisProtocolException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.Collection;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection's link as soon as its reply stream can no longer be trusted: one of the
 * commands written on it timed out, or a reply could not be read (a protocol error leaves the
 * decoder somewhere inside the stream). So no reply can ever be taken for another command.
 *
 * <p>Why: Redis replies carry no request id; Lettuce matches them to commands by order alone. A
 * command without a reply leaves it unknown whether the reply is late (a slow server; it will still
 * come and be dropped) or lost (a link that lost bytes, a half-open link). If it was lost, every
 * later reply would be matched to the command before it: a read of one key would succeed with the
 * value of another, for good. Closing the link ends the doubt: the other commands in flight on it
 * fail with {@code CONNECTION_LOST} (their outcome is unknown, as on a reset), and Lettuce opens a
 * fresh link, which also cures a half-open link at the first timeout instead of after the kernel
 * gives up.
 *
 * <p>One instance per channel (not sharable); it watches every command that passes it on the way
 * out, the handshake's included. The completion callback is one object per channel, so watching a
 * command allocates only Lettuce's completion node.
 */
final class StreamGuard extends ChannelOutboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(StreamGuard.class);

  private volatile BiConsumer<Object, Throwable> onCompletion;

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    onCompletion =
        (result, failure) -> {
          if ((failure instanceof RedisCommandTimeoutException
                  || failure instanceof RedisProtocolException)
              && channel.isOpen()) {
            LOG.debug(
                "closing the link to {} after {}: later replies could be matched to the wrong"
                    + " commands; Lettuce reconnects",
                channel.remoteAddress(),
                failure.getClass().getSimpleName());
            channel.close();
          }
        };
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof CompleteableCommand<?> command) {
      command.onComplete(onCompletion);
    } else if (msg instanceof Collection<?> commands) {
      for (Object each : commands) {
        if (each instanceof CompleteableCommand<?> command) {
          command.onComplete(onCompletion);
        }
      }
    }
    ctx.write(msg, promise);
  }
}
