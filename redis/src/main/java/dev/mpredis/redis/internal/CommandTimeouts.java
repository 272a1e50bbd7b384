package dev.mpredis.redis.internal;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The timeout of each command: the connection's {@code commandTimeout}, plus, for a {@link
 * Blocking} command, the time it asked the server to block; so a blocking command that send-command
 * runs is not cut at {@code commandTimeout}. Immutable and thread-safe.
 */
final class CommandTimeouts extends TimeoutOptions.TimeoutSource {

  private final long commandTimeoutNanos;

  CommandTimeouts(Duration commandTimeout) {
    this.commandTimeoutNanos = commandTimeout.toNanos();
  }

  /** The options that give every command its timeout from here. */
  static TimeoutOptions options(Duration commandTimeout) {
    return TimeoutOptions.builder()
        .timeoutCommands()
        .timeoutSource(new CommandTimeouts(commandTimeout))
        .build();
  }

  @Override
  public long getTimeout(RedisCommand<?, ?, ?> command) {
    Blocking<?> blocking = CommandWrapper.unwrap(command, Blocking.class);
    if (blocking == null) {
      return commandTimeoutNanos;
    }
    long total = commandTimeoutNanos + blocking.blockNanos;
    return total < 0 ? Long.MAX_VALUE : total; // saturate
  }

  @Override
  public TimeUnit getTimeUnit() {
    return TimeUnit.NANOSECONDS;
  }

  /**
   * A command that blocks on the server for up to {@code block}.
   *
   * @param <T> the reply type
   */
  static final class Blocking<T> extends Command<String, byte[], T> {
    private final long blockNanos;

    Blocking(
        ProtocolKeyword type,
        CommandOutput<String, byte[], T> output,
        CommandArgs<String, byte[]> args,
        Duration block) {
      super(type, output, args);
      this.blockNanos = saturatedNanos(block);
    }

    private static long saturatedNanos(Duration block) {
      try {
        return block.toNanos();
      } catch (ArithmeticException tooLong) {
        return Long.MAX_VALUE;
      }
    }
  }
}
