package dev.mpredis.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mpredis.machine.Pack;
import dev.mpredis.redis.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Redis pack: every machine, and one typed method per machine for everyday use.
 *
 * <pre>{@code
 * try (Manager manager = Redis.createManager("redis://127.0.0.1:6379").orThrow();
 *     Connection connection = Redis.getConnection(manager).orThrow()) {
 *   Redis.cacheValue(connection, "stuff", "things", Duration.ofHours(1)).orThrow();
 *   if (Redis.getCachedValue(connection, "stuff") instanceof GetCachedValue.Success found) {
 *     System.out.println(found.value()); // things
 *   }
 * }
 * }</pre>
 *
 * <p>Every method returns the machine's exit and never throws for an expected failure: bad input is
 * the {@code error} exit, a server refusal is {@code failed} or {@code error} with a {@link
 * RedisErrorCode}. {@code orThrow()} turns any other exit than {@code success} into a {@link
 * dev.mpredis.machine.MachineException}. Dynamic use by identity goes through {@link #PACK}: {@code
 * Redis.PACK.machine("get-cached-value").run(Map.of("connection", c, "key", "k"))}.
 *
 * <p>Thread-safe: all methods are stateless.
 */
public final class Redis {

  /** Every machine of the pack, by identity. */
  public static final Pack PACK =
      new Pack(
          "mp-redis",
          "Structured, lifecycle-explicit bindings for Redis.",
          List.of(
              CreateManager.INSTANCE,
              DestroyManager.INSTANCE,
              GetConnection.INSTANCE,
              ReleaseConnection.INSTANCE,
              CacheValue.INSTANCE,
              GetCachedValue.INSTANCE,
              DestroyCachedValues.INSTANCE,
              FlushCache.INSTANCE,
              Authenticate.INSTANCE,
              CreateConnectionUrl.INSTANCE,
              CacheValues.INSTANCE,
              GetCachedValues.INSTANCE,
              ServerInfo.INSTANCE,
              ListKeys.INSTANCE,
              SendCommand.INSTANCE,
              AcquireLock.INSTANCE,
              ReleaseLock.INSTANCE,
              ExtendLock.INSTANCE,
              RateLimit.INSTANCE,
              GetOrCacheValue.INSTANCE));

  private Redis() {}

  /** {@code create-manager} without a failure callback. */
  public static CreateManager.Result createManager(String connectionString) {
    return createManager(connectionString, null);
  }

  /** {@code create-manager}; {@code onUnexpectedFailure} may be null. */
  public static CreateManager.Result createManager(
      String connectionString, Consumer<FailureReport> onUnexpectedFailure) {
    return CreateManager.INSTANCE.run(
        () -> new CreateManager.Inputs(connectionString, onUnexpectedFailure, null));
  }

  /** {@code destroy-manager}. */
  public static DestroyManager.Result destroyManager(Manager manager) {
    return DestroyManager.INSTANCE.run(() -> new DestroyManager.Inputs(manager, null));
  }

  /** {@code get-connection} of a shared lease, waiting at most the default 15 s. */
  public static GetConnection.Result getConnection(Manager manager) {
    return GetConnection.INSTANCE.run(() -> new GetConnection.Inputs(manager, null, null));
  }

  /**
   * {@code get-connection} of a shared lease, waiting at most {@code timeout}: whole milliseconds
   * from 1 ms to 10 minutes; {@code null} means the default 15 s. A timeout out of range or with a
   * fraction of a millisecond is the {@code error} exit with {@link RedisErrorCode#INVALID_INPUT}
   * (never rounded).
   */
  public static GetConnection.Result getConnection(Manager manager, Duration timeout) {
    return GetConnection.INSTANCE.run(
        () -> new GetConnection.Inputs(manager, Checks.millis("timeout", timeout), null));
  }

  /**
   * {@code get-connection} of a dedicated lease (a socket of its own), waiting at most {@code
   * timeout}, with the rules of {@link #getConnection(Manager, Duration)}.
   */
  public static GetConnection.Result getDedicatedConnection(Manager manager, Duration timeout) {
    return GetConnection.INSTANCE.run(
        () ->
            new GetConnection.Inputs(
                manager, Checks.millis("timeout", timeout), Map.of("dedicated", true)));
  }

  /** {@code release-connection}. */
  public static ReleaseConnection.Result releaseConnection(Connection connection) {
    return ReleaseConnection.INSTANCE.run(() -> new ReleaseConnection.Inputs(connection, null));
  }

  /** {@code cache-value} without expiry. */
  public static CacheValue.Result cacheValue(Connection connection, String key, Object value) {
    return CacheValue.INSTANCE.run(() -> new CacheValue.Inputs(connection, key, value, null, null));
  }

  /**
   * {@code cache-value} expiring after {@code ttl}: whole seconds up to 100 years; {@link
   * Duration#ZERO} or {@code null} means never. A negative ttl, one beyond 100 years, or one with a
   * fraction of a second (Redis counts this expiry in seconds; rounding 0.5 s down would mean
   * never, rounding up would double it) is the {@code error} exit with {@link
   * RedisErrorCode#INVALID_INPUT}, and nothing is written.
   */
  public static CacheValue.Result cacheValue(
      Connection connection, String key, Object value, Duration ttl) {
    return CacheValue.INSTANCE.run(
        () -> new CacheValue.Inputs(connection, key, value, Checks.seconds("ttl", ttl), null));
  }

  /** {@code get-cached-value}, the value as plain JSON data. */
  public static GetCachedValue.Result<Object> getCachedValue(Connection connection, String key) {
    return GetCachedValue.INSTANCE.run(() -> new GetCachedValue.Inputs(connection, key, null));
  }

  /**
   * {@code get-cached-value}, the value read as {@code type} (plain data binding: the stored text
   * can never choose a class); a value that does not fit the type exits {@code error} with {@link
   * RedisErrorCode#VALUE_NOT_CONVERTIBLE}.
   *
   * <pre>{@code
   * Session s = Redis.getCachedValue(c, "session:1", Session.class).orThrow();
   * Optional<Session> maybe = Redis.getCachedValue(c, "session:1", Session.class).asOptional();
   * }</pre>
   */
  public static <T> GetCachedValue.Result<T> getCachedValue(
      Connection connection, String key, Class<T> type) {
    return GetCachedValue.INSTANCE.run(
        () -> new GetCachedValue.Inputs(connection, key, null), ReadAs.of(type));
  }

  /** {@code get-cached-value}, the value read as a generic type, such as {@code List<Session>}. */
  public static <T> GetCachedValue.Result<T> getCachedValue(
      Connection connection, String key, TypeReference<T> type) {
    return GetCachedValue.INSTANCE.run(
        () -> new GetCachedValue.Inputs(connection, key, null), ReadAs.of(type));
  }

  /** {@code cache-values} without expiry: MSET batches. */
  public static CacheValues.Result cacheValues(Connection connection, Map<String, ?> values) {
    return cacheValues(connection, values, Duration.ZERO);
  }

  /**
   * {@code cache-values} expiring after {@code ttl}, with the rules of {@link
   * #cacheValue(Connection, String, Object, Duration)}.
   */
  public static CacheValues.Result cacheValues(
      Connection connection, Map<String, ?> values, Duration ttl) {
    return CacheValues.INSTANCE.run(
        () ->
            new CacheValues.Inputs(
                connection,
                values == null ? null : new java.util.LinkedHashMap<>(values),
                Checks.seconds("ttl", ttl),
                null));
  }

  /** {@code get-cached-values}, the values as plain JSON data. */
  public static GetCachedValues.Result<Object> getCachedValues(
      Connection connection, List<String> keys) {
    return GetCachedValues.INSTANCE.run(() -> new GetCachedValues.Inputs(connection, keys, null));
  }

  /** {@code get-cached-values}, every value read as {@code type}. */
  public static <T> GetCachedValues.Result<T> getCachedValues(
      Connection connection, List<String> keys, Class<T> type) {
    return GetCachedValues.INSTANCE.run(
        () -> new GetCachedValues.Inputs(connection, keys, null), ReadAs.of(type));
  }

  /** {@code get-cached-values}, every value read as a generic type. */
  public static <T> GetCachedValues.Result<T> getCachedValues(
      Connection connection, List<String> keys, TypeReference<T> type) {
    return GetCachedValues.INSTANCE.run(
        () -> new GetCachedValues.Inputs(connection, keys, null), ReadAs.of(type));
  }

  /** {@code destroy-cached-values}. */
  public static DestroyCachedValues.Result destroyCachedValues(
      Connection connection, List<String> keys) {
    return DestroyCachedValues.INSTANCE.run(
        () -> new DestroyCachedValues.Inputs(connection, keys, null));
  }

  /** {@code flush-cache}. */
  public static FlushCache.Result flushCache(Connection connection) {
    return FlushCache.INSTANCE.run(() -> new FlushCache.Inputs(connection, null));
  }

  /**
   * {@code list-keys}: up to 1000 keys matching a glob pattern, in the manager's namespace; the
   * result's cursor continues the listing ({@link #listKeys(Connection, String, int, String)}).
   */
  public static ListKeys.Result listKeys(Connection connection, String pattern) {
    return ListKeys.INSTANCE.run(
        () -> new ListKeys.Inputs(connection, pattern, null, null, null, null));
  }

  /** {@code list-keys}: up to {@code limit} keys matching a glob pattern, from the start. */
  public static ListKeys.Result listKeys(Connection connection, String pattern, int limit) {
    return listKeys(connection, pattern, limit, null);
  }

  /**
   * {@code list-keys}: up to {@code limit} keys matching a glob pattern, continuing from {@code
   * cursor} (the cursor a previous call returned; {@code null}: from the start).
   */
  public static ListKeys.Result listKeys(
      Connection connection, String pattern, int limit, String cursor) {
    return ListKeys.INSTANCE.run(
        () -> new ListKeys.Inputs(connection, pattern, limit, null, cursor, null));
  }

  /** {@code server-info}: the version, mode and replication role of the connection's server. */
  public static ServerInfo.Result serverInfo(Connection connection) {
    return ServerInfo.INSTANCE.run(() -> new ServerInfo.Inputs(connection, null));
  }

  /**
   * {@code send-command}: runs {@code command} with {@code args} as given (the manager's namespace
   * is not applied), for example {@code Redis.sendCommand(connection, "GET", "k")}.
   */
  public static SendCommand.Result sendCommand(
      Connection connection, String command, Object... args) {
    return SendCommand.INSTANCE.run(
        () ->
            new SendCommand.Inputs(
                connection, command, args == null ? null : java.util.Arrays.asList(args), null));
  }

  /**
   * {@code acquire-lock}: takes the lock {@code name} for {@code ttl} (whole milliseconds, 1 ms to
   * 24 h), trying again while another holder has it for at most {@code wait} (whole milliseconds, 0
   * or {@code null}: try once; at most 60 s), for example {@code Redis.acquireLock(c, "job:42",
   * Duration.ofSeconds(30), Duration.ofSeconds(5))}. A ttl or wait out of range or with a fraction
   * of a millisecond is the {@code error} exit with {@link RedisErrorCode#INVALID_INPUT}.
   */
  public static AcquireLock.Result acquireLock(
      Connection connection, String name, Duration ttl, Duration wait) {
    return AcquireLock.INSTANCE.run(
        () ->
            new AcquireLock.Inputs(
                connection, name, Checks.millis("ttl", ttl), Checks.millis("maxWait", wait), null));
  }

  /** {@code release-lock}: releases {@code name} if it still holds {@code token}. */
  public static ReleaseLock.Result releaseLock(Connection connection, String name, String token) {
    return ReleaseLock.INSTANCE.run(() -> new ReleaseLock.Inputs(connection, name, token, null));
  }

  /**
   * {@code extend-lock}: makes {@code name} last {@code ttl} from now (whole milliseconds, 1 ms to
   * 24 h) if it still holds {@code token}.
   */
  public static ExtendLock.Result extendLock(
      Connection connection, String name, String token, Duration ttl) {
    return ExtendLock.INSTANCE.run(
        () -> new ExtendLock.Inputs(connection, name, token, Checks.millis("ttl", ttl), null));
  }

  /**
   * {@code rate-limit}: takes one token of the limit {@code name} ({@code limit} tokens per {@code
   * window}, whole milliseconds, 1 ms to 24 h), for example {@code Redis.rateLimit(c, "api:user:7",
   * 100, Duration.ofMinutes(1))}; the decision says whether it was allowed.
   */
  public static RateLimit.Result rateLimit(
      Connection connection, String name, int limit, Duration window) {
    return rateLimit(connection, name, limit, window, 1);
  }

  /** {@code rate-limit} taking {@code cost} tokens (1 to {@code limit}) at once, or none. */
  public static RateLimit.Result rateLimit(
      Connection connection, String name, int limit, Duration window, int cost) {
    return RateLimit.INSTANCE.run(
        () ->
            new RateLimit.Inputs(
                connection, name, limit, Checks.millis("window", window), cost, null));
  }

  /**
   * {@code get-or-cache-value}: the value of {@code key} read as {@code type}, or, on a miss, what
   * {@code compute} returns (called on this thread, once across every caller while the default lock
   * ttl of 5 s outlasts it), stored as JSON for {@code ttl} (whole seconds; {@code null} or zero:
   * for ever); a caller that finds another computing waits up to 10 s. {@code orThrow().value()} is
   * the value, {@code computed()} says whether this call computed it.
   *
   * <pre>{@code
   * User u = Redis.getOrCacheValue(c, "user:42", User.class, Duration.ofMinutes(5), () -> db.load(42))
   *     .orThrow().value();
   * }</pre>
   *
   * Other lock ttls and waits, and generic types: {@link GetOrCacheValue#run(Supplier, ReadAs)}.
   */
  public static <T> GetOrCacheValue.Result<T> getOrCacheValue(
      Connection connection,
      String key,
      Class<T> type,
      Duration ttl,
      Callable<? extends T> compute) {
    return GetOrCacheValue.INSTANCE.run(
        () ->
            new GetOrCacheValue.Inputs(
                connection, key, compute, Checks.seconds("ttl", ttl), null, null, null),
        ReadAs.of(type));
  }

  /**
   * {@code get-or-cache-value} without blocking: as {@link #getOrCacheValue(Connection, String,
   * Class, Duration, Callable)}, with a function that starts the computation and returns its stage
   * (called on a thread of its own, never on an I/O thread). The stage never fails.
   */
  public static <T> CompletionStage<GetOrCacheValue.Result<T>> getOrCacheValueAsync(
      Connection connection,
      String key,
      Class<T> type,
      Duration ttl,
      Supplier<? extends CompletionStage<? extends T>> compute) {
    return GetOrCacheValue.INSTANCE.runAsync(
        () ->
            new GetOrCacheValue.Inputs(
                connection,
                key,
                compute == null ? null : compute::get,
                Checks.seconds("ttl", ttl),
                null,
                null,
                null),
        ReadAs.of(type));
  }

  /** {@code authenticate} as the default user. */
  public static Authenticate.Result authenticate(Connection connection, String password) {
    return Authenticate.INSTANCE.run(
        () -> new Authenticate.Inputs(connection, password, null, null));
  }

  /** {@code authenticate} as an ACL user. */
  public static Authenticate.Result authenticate(
      Connection connection, String username, String password) {
    return Authenticate.INSTANCE.run(
        () -> new Authenticate.Inputs(connection, password, username, null));
  }

  /** {@code create-connection-url}; null parts take their defaults or are left out. */
  public static CreateConnectionUrl.Result createConnectionUrl(
      String host, Integer port, String pass, Integer db) {
    return CreateConnectionUrl.INSTANCE.run(
        () -> new CreateConnectionUrl.Inputs(host, port, pass, db, null, null));
  }
}
