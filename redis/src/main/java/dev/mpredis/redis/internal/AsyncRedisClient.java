package dev.mpredis.redis.internal;

import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.json.JsonParser;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A Lettuce {@link RedisClient} whose connections build their synchronous face only when it is
 * asked for. Lettuce builds it with every connection: a dynamic proxy of {@link RedisCommands} and
 * its hundreds of methods, whose class is generated on the first connection of a JVM (0.1 to 0.5 s,
 * a third of a one-command {@code mp-redis exec}). We speak to Lettuce asynchronously only ({@link
 * LettuceClients#commands}), so {@code sync()} is never called here; when something does call it,
 * it gets Lettuce's own proxy, built then. Thread-safe, as {@link RedisClient} is.
 */
final class AsyncRedisClient extends RedisClient {

  AsyncRedisClient(ClientResources resources) {
    super(resources, new RedisURI()); // as RedisClient.create(resources): no default URI
  }

  @Override
  protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(
      RedisChannelWriter writer,
      PushHandler pushHandler,
      RedisCodec<K, V> codec,
      Duration timeout) {
    return new LazySync<>(writer, pushHandler, codec, timeout, getOptions().getJsonParser());
  }

  /** A connection whose {@link #sync()} is built on the first call. */
  private static final class LazySync<K, V> extends StatefulRedisConnectionImpl<K, V> {

    private RedisCommands<K, V> lazySync;

    LazySync(
        RedisChannelWriter writer,
        PushHandler pushHandler,
        RedisCodec<K, V> codec,
        Duration timeout,
        Supplier<JsonParser> jsonParser) {
      super(writer, pushHandler, codec, timeout, jsonParser);
    }

    /** Nothing while the connection is constructed: {@link #sync()} builds it when asked. */
    @Override
    protected RedisCommands<K, V> newRedisSyncCommandsImpl() {
      return null;
    }

    @Override
    public synchronized RedisCommands<K, V> sync() {
      if (lazySync == null) {
        lazySync = super.newRedisSyncCommandsImpl();
      }
      return lazySync;
    }
  }
}
