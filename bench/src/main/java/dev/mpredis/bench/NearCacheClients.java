package dev.mpredis.bench;

import dev.mpredis.bench.clients.JedisNearCacheClient;
import dev.mpredis.bench.clients.LettuceNearCacheClient;
import dev.mpredis.bench.clients.LettuceWithoutNearCacheClient;
import dev.mpredis.bench.clients.MpRedisNearCacheClient;
import dev.mpredis.bench.clients.RedissonNearCacheClient;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The clients W4 can measure, by the name used in its JMH {@code client} parameter and in the
 * report. Not every one is in the default run ({@link #defaultRun}): see {@link #JEDIS_NEAR}. The
 * last constructor argument says whether a client is (a row whose client cannot run on main yet is
 * kept out with {@code false}, and run with {@code --add-client}).
 */
public enum NearCacheClients implements NamedClient {
  /** Raw Lettuce without a near cache: every read is a GET. The reference of W4. */
  LETTUCE("lettuce", LettuceWithoutNearCacheClient::new, true),
  /** Lettuce's {@code ClientSideCaching} frontend (CLIENT TRACKING) over a concurrent map. */
  LETTUCE_NEAR("lettuce-near", LettuceNearCacheClient::new, true),
  /** Redisson's {@code RClientSideCaching} (RESP3, CLIENT TRACKING) buckets. */
  REDISSON_NEAR("redisson-near", RedissonNearCacheClient::new, true),
  /**
   * Jedis's client-side cache ({@code CacheConfig}, RESP3). Jedis refuses servers older than 7.4,
   * so the default run leaves it out on them ({@link #defaultRun}).
   */
  JEDIS_NEAR("jedis-near", JedisNearCacheClient::new, true),
  /** mp-redis with the connection-string option {@code nearCache=true} (docs/near-cache.md). */
  MPREDIS_NEAR("mpredis-near", MpRedisNearCacheClient::new, true);

  /** The first Redis version Jedis's client-side cache accepts. */
  static final int[] JEDIS_MIN_SERVER = {7, 4};

  private final String id;
  private final Function<Endpoint, NearCacheBenchClient> factory;
  private final boolean inDefaultRun;

  NearCacheClients(
      String id, Function<Endpoint, NearCacheBenchClient> factory, boolean inDefaultRun) {
    this.id = id;
    this.factory = factory;
    this.inDefaultRun = inDefaultRun;
  }

  @Override
  public String id() {
    return id;
  }

  /** Opens this client against the server at {@code endpoint}. */
  public NearCacheBenchClient open(Endpoint endpoint) {
    return factory.apply(endpoint);
  }

  /**
   * The clients W4 runs by default against a server of {@code serverVersion} (such as {@code
   * 7.0.15}): all that are in the default run, less {@code jedis-near} below Redis 7.4.
   */
  public static List<String> defaultRun(String serverVersion) {
    return Arrays.stream(values())
        .filter(client -> client.inDefaultRun)
        .filter(client -> client != JEDIS_NEAR || atLeast(serverVersion, JEDIS_MIN_SERVER))
        .map(NearCacheClients::id)
        .toList();
  }

  static boolean atLeast(String version, int[] minimum) {
    String[] parts = version.split("\\.");
    for (int i = 0; i < minimum.length; i++) {
      int part = i < parts.length && parts[i].matches("\\d+") ? Integer.parseInt(parts[i]) : 0;
      if (part != minimum[i]) {
        return part > minimum[i];
      }
    }
    return true;
  }

  /**
   * The client named {@code id}.
   *
   * @throws IllegalArgumentException if no W4 client has that name
   */
  public static NearCacheClients byId(String id) {
    return NamedClient.byId(NearCacheClients.class, id);
  }
}
