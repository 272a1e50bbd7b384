package dev.mpredis.bench;

import dev.mpredis.bench.clients.LettuceAsyncBenchClient;
import dev.mpredis.bench.clients.MpRedisAsyncBenchClient;
import dev.mpredis.bench.clients.RedissonAsyncBenchClient;
import java.util.function.Function;

/**
 * The clients W1-async can measure, by the name used in its JMH {@code client} parameter and in the
 * report. Jedis and Spring Data Redis are not here: neither has an asynchronous API for these
 * commands (Spring's reactive template is a different programming model, Jedis has none).
 */
public enum AsyncClients implements NamedClient {
  /**
   * Raw Lettuce: {@code RedisAsyncCommands} of one shared connection. The reference of W1-async.
   */
  LETTUCE_ASYNC("lettuce-async", LettuceAsyncBenchClient::new),
  /** Redisson: {@code RBucket.setAsync} / {@code getAsync} with the typed Jackson codec. */
  REDISSON_ASYNC("redisson-async", RedissonAsyncBenchClient::new),
  /** mp-redis: the machines' typed async face, {@code runAsync(inputs[, ReadAs])}, one lease. */
  MPREDIS_ASYNC("mpredis-async", MpRedisAsyncBenchClient::new);

  private final String id;
  private final Function<Endpoint, AsyncBenchClient> factory;

  AsyncClients(String id, Function<Endpoint, AsyncBenchClient> factory) {
    this.id = id;
    this.factory = factory;
  }

  @Override
  public String id() {
    return id;
  }

  /** Opens this client against the server at {@code endpoint}. */
  public AsyncBenchClient open(Endpoint endpoint) {
    return factory.apply(endpoint);
  }

  /**
   * The client named {@code id}.
   *
   * @throws IllegalArgumentException if no asynchronous client has that name
   */
  public static AsyncClients byId(String id) {
    return NamedClient.byId(AsyncClients.class, id);
  }
}
