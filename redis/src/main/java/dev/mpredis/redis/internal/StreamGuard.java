package dev.mpredis.redis.internal;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.protocol.CommandHandler;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.RedisCommand;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection's link as soon as its reply stream can no longer be trusted: one of the
 * commands written on it timed out. So no reply can ever be taken for another command. (A reply
 * that cannot be read, a protocol error, leaves the decoder somewhere inside the stream: Lettuce's
 * {@link CommandHandler} closes the link itself when decoding throws.)
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
 * <p>How, without a hook on every command: a command that timed out stays in the command handler's
 * stack (the commands written and not yet answered, in order) until its reply comes or the link
 * closes, completed with Lettuce's {@link RedisCommandTimeoutException}. This handler sits just
 * before the command handler and looks at that stack, on the channel's event loop, where the stack
 * lives:
 *
 * <ul>
 *   <li>before each read is decoded, at the oldest command: a reply must never be decoded while the
 *       command it would be matched to first has timed out (the read is dropped with the link);
 *   <li>every {@value #CHECK_PERIOD_MILLIS} ms while commands await replies, at all of them: a
 *       timeout behind a longer one (a blocking command) or on a link that reads nothing (half
 *       open) closes the link within that period of Lettuce's timeout, whose own timer ticks every
 *       100 ms.
 * </ul>
 *
 * <p>A command that timed out before it was written never reaches the stack and expects no reply,
 * so it leaves the link open. One instance per channel (not sharable); it costs nothing per
 * command, and one scheduled check per period while commands are in flight.
 */
final class StreamGuard extends ChannelDuplexHandler {

  private static final Logger LOG = LoggerFactory.getLogger(StreamGuard.class);

  /** How often the stack is checked while commands await replies. */
  static final long CHECK_PERIOD_MILLIS = 25;

  private final Queue<RedisCommand<?, ?, ?>> stack;
  private ChannelHandlerContext context;
  private boolean checkScheduled; // only touched on the event loop
  private final Runnable check = this::checkAll;

  private StreamGuard(CommandHandler handler) {
    this.stack = handler.getStack();
  }

  /** Adds a guard in front of the pipeline's command handler, if it has one. */
  static void addTo(ChannelPipeline pipeline) {
    ChannelHandlerContext handler = pipeline.context(CommandHandler.class);
    if (handler == null) {
      throw new IllegalStateException("no Lettuce command handler to guard in " + pipeline.names());
    }
    pipeline.addBefore(
        handler.name(),
        "mp-redis-stream-guard",
        new StreamGuard((CommandHandler) handler.handler()));
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    context = ctx;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg, promise);
    if (!checkScheduled) {
      checkScheduled = true;
      ctx.executor().schedule(check, CHECK_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    RedisCommand<?, ?, ?> oldest = stack.peek();
    if (oldest != null && timedOut(oldest)) {
      ReferenceCountUtil.release(msg);
      close(ctx);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** The periodic check: closes the link if any command awaiting its reply timed out. */
  private void checkAll() {
    checkScheduled = false;
    if (!context.channel().isOpen() || stack.isEmpty()) {
      return; // the next write schedules the next check
    }
    for (RedisCommand<?, ?, ?> command : stack) {
      if (timedOut(command)) {
        close(context);
        return;
      }
    }
    checkScheduled = true;
    context.executor().schedule(check, CHECK_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Whether {@code command} was completed with Lettuce's timeout (cheap unless it failed). */
  private static boolean timedOut(RedisCommand<?, ?, ?> command) {
    if (!command.isDone()) {
      return false;
    }
    CompletableFuture<?> future = CommandWrapper.unwrap(command, CompletableFuture.class);
    if (future == null || !future.isCompletedExceptionally() || future.isCancelled()) {
      return false;
    }
    try {
      future.getNow(null);
      return false;
    } catch (CompletionException e) {
      return e.getCause() instanceof RedisCommandTimeoutException;
    } catch (CancellationException e) {
      return false;
    }
  }

  private static void close(ChannelHandlerContext ctx) {
    if (ctx.channel().isOpen()) {
      LOG.debug(
          "closing the link to {} after a command timed out: later replies could be matched to the"
              + " wrong commands; Lettuce reconnects",
          ctx.channel().remoteAddress());
      ctx.channel().close();
    }
  }
}
