package dev.mpredis.bench;

import dev.mpredis.testkit.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server a benchmark runs against. {@link BenchMain} starts one server for the whole run and
 * passes its port to every JMH fork in the system property {@value #PORT_PROPERTY}, so all clients
 * meet the same server; a fork started without it (for example {@code java -jar benchmarks.jar})
 * starts its own server with the test kit and stops it at the end of the trial.
 *
 * <p>Not thread-safe; used from JMH's setup and teardown only.
 */
public final class BenchServer implements AutoCloseable {

  /** The system property that names the port of a server started by the runner. */
  public static final String PORT_PROPERTY = "bench.redis.port";

  private final Endpoint endpoint;
  private final RedisServer owned;

  private BenchServer(Endpoint endpoint, RedisServer owned) {
    this.endpoint = endpoint;
    this.owned = owned;
  }

  /**
   * The runner's server if {@value #PORT_PROPERTY} is set, else a new one; either way with all keys
   * of {@link Dataset} present.
   */
  public static BenchServer acquire() {
    String port = System.getProperty(PORT_PROPERTY);
    BenchServer server;
    if (port != null) {
      server = new BenchServer(new Endpoint("127.0.0.1", Integer.parseInt(port)), null);
    } else {
      RedisServer started = RedisServer.startPlain();
      server = new BenchServer(new Endpoint(started.host(), started.port()), started);
    }
    server.prefillIfMissing();
    return server;
  }

  /** Wraps a server started by the caller, who stays its owner. */
  public static BenchServer of(RedisServer server) {
    return new BenchServer(new Endpoint(server.host(), server.port()), null);
  }

  /** Where the server listens. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /**
   * Writes every key of {@link Dataset} (the W1–W3 keys, then W4's hot keys) unless the first and
   * last ones of that set already exist.
   */
  public void prefillIfMissing() {
    RedisClient client = RedisClient.create(RedisURI.create(endpoint.uri()));
    try (StatefulRedisConnection<String, byte[]> connection =
        client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
      RedisCommands<String, byte[]> sync = connection.sync();
      prefill(sync, Dataset.keys());
      prefill(sync, Dataset.hotKeys());
    } finally {
      client.shutdown();
    }
  }

  /** Key number {@code i} of {@code keys} gets {@link Dataset#value(int) value(i)}. */
  private static void prefill(RedisCommands<String, byte[]> sync, List<String> keys) {
    if (sync.exists(keys.get(0), keys.get(keys.size() - 1)) == 2) {
      return;
    }
    Map<String, byte[]> batch = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      batch.put(keys.get(i), Dataset.toJson(Dataset.value(i)));
      if (batch.size() == Dataset.BATCH || i == keys.size() - 1) {
        sync.mset(batch);
        batch.clear();
      }
    }
  }

  /** Stops the server if this object started it. */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }
}
