package dev.mpredis.bench.clients;

import dev.mpredis.bench.BenchClient;
import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.Payload;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.Outcome;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mp-redis by identity, as a driver dispatching on machine names would use it: every call builds an
 * input map and goes through {@code Machine.run(Map)}, which validates names and types. Values go
 * in as plain data (maps, lists, strings, numbers), the form such a driver's caller holds them in:
 * the plain form of each dataset value is made once, when the adapter opens, not per call (a value
 * outside the dataset is converted when given). Values come back as plain JSON data, converted to
 * {@link Payload} by Jackson. W2 and W3 run the same machines one by one (this face has no
 * asynchronous bulk path).
 */
public final class MpRedisDynamicBenchClient implements BenchClient {

  private static final Machine<?, ?> CACHE_VALUE = Redis.PACK.machine("cache-value");
  private static final Machine<?, ?> GET_CACHED_VALUE = Redis.PACK.machine("get-cached-value");
  private static final Machine<?, ?> CACHE_VALUES = Redis.PACK.machine("cache-values");
  private static final Machine<?, ?> GET_CACHED_VALUES = Redis.PACK.machine("get-cached-values");
  private static final Machine<?, ?> GET_CONNECTION = Redis.PACK.machine("get-connection");
  private static final Machine<?, ?> RELEASE_CONNECTION = Redis.PACK.machine("release-connection");

  private final Manager manager;
  private final Connection connection;

  /** The dataset's values as plain data, as the caller of a driver holds them. */
  private final Map<Payload, Object> plainValues = new IdentityHashMap<>(2 * Dataset.KEY_COUNT);

  /** Creates a manager for the server at {@code endpoint} and leases one connection. */
  public MpRedisDynamicBenchClient(Endpoint endpoint) {
    manager =
        (Manager)
            field(
                Redis.PACK
                    .machine("create-manager")
                    .run(Map.of("connectionString", endpoint.uri())),
                "manager");
    connection = (Connection) field(GET_CONNECTION.run(Map.of("manager", manager)), "connection");
    for (Payload value : Dataset.values()) {
      plainValues.put(value, toPlain(value));
    }
  }

  private static Object toPlain(Payload value) {
    return Dataset.MAPPER.convertValue(value, Map.class);
  }

  /** The caller's plain data for {@code value}. */
  private Object plain(Payload value) {
    Object plain = plainValues.get(value);
    return plain != null ? plain : toPlain(value);
  }

  private static Object success(Outcome outcome) {
    if (!outcome.isSuccess()) {
      throw new IllegalStateException(outcome.toString());
    }
    return outcome.output();
  }

  /** A field of the success report ({@code report.value}), as a driver reads it. */
  private static Object field(Outcome outcome, String name) {
    return ((Map<?, ?>) success(outcome)).get(name);
  }

  @Override
  public void cacheValue(String key, Payload value, long ttlSeconds) {
    Object plain = plain(value);
    success(
        CACHE_VALUE.run(
            Map.of("connection", connection, "key", key, "value", plain, "ttl", ttlSeconds)));
  }

  @Override
  public Payload getCachedValue(String key) {
    return read(connection, key);
  }

  private static Payload read(Connection connection, String key) {
    Outcome outcome = GET_CACHED_VALUE.run(Map.of("connection", connection, "key", key));
    if (outcome.exitName().equals("notFound")) {
      return null;
    }
    return Dataset.MAPPER.convertValue(field(outcome, "value"), Payload.class);
  }

  @Override
  public void writeAll(List<String> keys, List<Payload> values) {
    Map<String, Object> all = new LinkedHashMap<>(2 * keys.size());
    for (int i = 0; i < keys.size(); i++) {
      all.put(keys.get(i), plain(values.get(i)));
    }
    success(CACHE_VALUES.run(Map.of("connection", connection, "values", all)));
  }

  @Override
  public List<Payload> readAll(List<String> keys) {
    Map<?, ?> found =
        (Map<?, ?>)
            field(GET_CACHED_VALUES.run(Map.of("connection", connection, "keys", keys)), "values");
    List<Payload> values = new ArrayList<>(keys.size());
    for (String key : keys) {
      Object plain = found.get(key);
      values.add(plain == null ? null : Dataset.MAPPER.convertValue(plain, Payload.class));
    }
    return values;
  }

  @Override
  public Payload leaseAndGet(String key) {
    Connection lease =
        (Connection) field(GET_CONNECTION.run(Map.of("manager", manager)), "connection");
    try {
      return read(lease, key);
    } finally {
      success(RELEASE_CONNECTION.run(Map.of("connection", lease)));
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
