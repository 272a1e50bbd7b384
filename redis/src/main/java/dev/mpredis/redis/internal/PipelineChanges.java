package dev.mpredis.redis.internal;

import io.lettuce.core.protocol.CommandEncoder;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Our changes to each connection's pipeline, made again on every reconnect.
 *
 * <ul>
 *   <li>Coalesces the flushes of commands issued concurrently: Lettuce writes and flushes every
 *       command on its own (a system call each); with this, commands that queue up on the event
 *       loop while a flush is pending leave in one write.
 *   <li>Replaces Lettuce's command encoder, which at TRACE logs every command's bytes, the password
 *       of the handshake's HELLO/AUTH and of {@code authenticate} included, with {@link
 *       QuietEncoder}, which logs nothing.
 *   <li>Adds {@link StreamGuard} just before Lettuce's command handler, where it sees each read
 *       before it is decoded and can look at the commands awaiting replies.
 *   <li>Adds the reader of the server's first reply ({@link HandshakeRefusals}), which leaves after
 *       one read.
 * </ul>
 */
final class PipelineChanges implements NettyCustomizer {

  private final HandshakeRefusals refusals;

  PipelineChanges(HandshakeRefusals refusals) {
    this.refusals = refusals;
  }

  @Override
  public void afterChannelInitialized(Channel channel) {
    channel.pipeline().addFirst(new FlushConsolidationHandler(256, true));
    if (channel.pipeline().get(CommandEncoder.class) != null) {
      channel.pipeline().replace(CommandEncoder.class, "quietEncoder", new QuietEncoder());
    }
    StreamGuard.addTo(channel.pipeline());
    refusals.watch(channel);
  }
}
