package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.MachineError;
import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.FaultProxy;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisServer;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every exit of create-manager, get-connection, release-connection and destroy-manager. */
@Tag("server")
class LifecycleMachinesTest {

  static final String PASSWORD = "li:fe/cy@cle?#%";

  @RegisterExtension
  static final RedisExtension redis =
      RedisExtension.server(b -> b.password(PASSWORD).user(AclUser.full("app", "app-pw")));

  static String url() {
    return "redis://:" + TestUrls.encode(PASSWORD) + "@127.0.0.1:" + redis.server().port();
  }

  static Manager manager(String url) {
    return Redis.createManager(url).orThrow();
  }

  @Test
  void createManager_success_connectsNothingYet() {
    try (Manager manager = manager(url())) {
      assertThat(manager.isDestroyed()).isFalse();
      assertThat(manager.liveLeaseCount()).isZero();
      assertThat(manager.target()).isEqualTo("redis://127.0.0.1:" + redis.server().port() + "/0");
      assertThat(manager.toString()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void createManager_malformed_saysWhyWithoutPassword() {
    CreateManager.Result result =
        Redis.createManager("redis://:" + TestUrls.encode(PASSWORD) + "@host:99999");
    assertThat(result).isInstanceOf(CreateManager.Malformed.class);
    MachineError error = ((CreateManager.Malformed) result).error();
    assertThat(error.code()).isEqualTo(RedisErrorCode.INVALID_URL);
    assertThat(error.message())
        .contains("the port must be a number from 1 to 65535")
        .doesNotContain("99999")
        .doesNotContain("cycle");
    assertThat(Redis.createManager("mongodb://x")).isInstanceOf(CreateManager.Malformed.class);
    assertThat(Redis.createManager("redis://h?ssl=true"))
        .isInstanceOfSatisfying(
            CreateManager.Malformed.class,
            m -> assertThat(m.error().message()).contains("write rediss://"));
  }

  @Test
  void createManager_failed_whenTlsMaterialIsUnreadable() {
    CreateManager.Result result =
        Redis.createManager("rediss://127.0.0.1:6379?caFile=/nonexistent/ca.pem");
    assertThat(result)
        .isInstanceOfSatisfying(
            CreateManager.Failed.class,
            f -> assertThat(f.error().code()).isEqualTo(RedisErrorCode.TLS_MATERIAL));
  }

  @Test
  void createManager_error_whenConnectionStringMissing() {
    assertThat(Redis.createManager(null))
        .isInstanceOfSatisfying(
            CreateManager.Error.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
              assertThat(e.error().message()).contains("connectionString").contains("required");
            });
  }

  @Test
  void getConnection_success_sharedLeasesShareOneSocket() throws IOException {
    try (Manager manager = manager(url())) {
      Connection first = Redis.getConnection(manager).orThrow();
      Connection second = Redis.getConnection(manager).orThrow();
      assertThat(first.isActive()).isTrue();
      assertThat(first.isDedicated()).isFalse();
      assertThat(first.id()).isNotEqualTo(second.id());
      assertThat(manager.liveLeaseCount()).isEqualTo(2);
      assertThat(clientsNamed("shared-test")).isZero();
      first.close();
      second.close();
      assertThat(manager.liveLeaseCount()).isZero();
    }
  }

  @Test
  void getConnection_sharedLeases_openOneServerConnection() throws IOException {
    try (Manager manager = manager(url() + "?clientName=lease-count")) {
      for (int i = 0; i < 50; i++) {
        Redis.getConnection(manager).orThrow().close();
      }
      assertThat(clientsNamed("lease-count")).isEqualTo(1);
    }
  }

  @Test
  void getConnection_dedicated_hasItsOwnSocketClosedOnRelease() throws IOException {
    try (Manager manager = manager(url() + "?clientName=dedicated-count")) {
      Connection dedicated =
          Redis.getDedicatedConnection(manager, Duration.ofMillis(2000)).orThrow();
      assertThat(dedicated.isDedicated()).isTrue();
      assertThat(clientsNamed("dedicated-count")).isEqualTo(1);
      Redis.releaseConnection(dedicated).orThrow();
      Waits.until(
          "dedicated socket closed",
          Duration.ofSeconds(5),
          () -> clientsNamedUnchecked("dedicated-count") == 0);
    }
  }

  @Test
  void getConnection_failed_wrongPassword() {
    String url = "redis://:wrong@127.0.0.1:" + redis.server().port();
    assertFailed(url, RedisErrorCode.BAD_PASSWORD);
    assertFailed(
        "redis://app:wrong@127.0.0.1:" + redis.server().port(), RedisErrorCode.BAD_PASSWORD);
  }

  @Test
  void getConnection_failed_passwordRequired() {
    assertFailed(redis.server().uri(), RedisErrorCode.PASSWORD_REQUIRED);
  }

  @Test
  void getConnection_failed_connectionRefused() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertFailed("redis://127.0.0.1:" + closedPort, RedisErrorCode.CONNECTION_REFUSED);
  }

  @Test
  void getConnection_failed_unknownHost() {
    assertFailed("redis://no-such-host.invalid:6379", RedisErrorCode.UNKNOWN_HOST);
  }

  @Test
  void getConnection_failed_timeoutWhenServerNeverAnswers_thenTheSameConnectServes()
      throws IOException {
    try (FaultProxy proxy = FaultProxy.start("127.0.0.1", redis.server().port());
        Manager manager =
            manager(proxyUrl(proxy) + "?clientName=slow-connect&commandTimeout=500")) {
      proxy.blackhole();
      long start = System.nanoTime();
      GetConnection.Result result = Redis.getConnection(manager, Duration.ofMillis(300));
      long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertThat(result)
          .isInstanceOfSatisfying(
              GetConnection.Failed.class,
              f -> {
                assertThat(f.error().code()).isEqualTo(RedisErrorCode.CONNECT_TIMEOUT);
                assertThat(f.error().message())
                    .contains("within the 300 ms get-connection waits")
                    .contains("leases: 0 shared, 0 dedicated")
                    .doesNotContain(PASSWORD);
              });
      assertThat(tookMillis).as("bounded by the timeout input").isLessThan(2000);

      proxy.passThrough();
      Connection dedicated =
          Redis.getDedicatedConnection(manager, Duration.ofMillis(300)).orThrow();
      proxy.blackhole();
      assertThat(Redis.getDedicatedConnection(manager, Duration.ofMillis(200)))
          .isInstanceOf(GetConnection.Failed.class);
      proxy.passThrough();
      // The shared connect swallowed by the black hole fails at its 500 ms handshake timeout;
      // the next call after that connects afresh.
      Waits.until(
          "a shared lease",
          Duration.ofSeconds(5),
          () ->
              Redis.getConnection(manager, Duration.ofMillis(1000))
                  instanceof GetConnection.Success);
      dedicated.close();
      // The connects that outlived their callers were not leaked: one shared connection is left.
      Waits.until(
          "only the shared connection is open",
          Duration.ofSeconds(5),
          () -> clientsNamedUnchecked("slow-connect") == 1);
    }
  }

  @Test
  void getConnection_failed_afterManagerDestroyed() {
    Manager manager = manager(url());
    Redis.destroyManager(manager).orThrow();
    assertFailed(manager, RedisErrorCode.MANAGER_DESTROYED);
  }

  @Test
  void getConnection_error_onBadTimeout() {
    try (Manager manager = manager(url())) {
      assertThat(Redis.getConnection(manager, Duration.ofMillis(-5)))
          .isInstanceOfSatisfying(
              GetConnection.Error.class,
              e -> assertThat(e.error().message()).contains("timeout").contains("-5"));
    }
  }

  @Test
  void releaseConnection_success_thenBadConnectionTwice() {
    try (Manager manager = manager(url())) {
      Connection connection = Redis.getConnection(manager).orThrow();
      assertThat(Redis.releaseConnection(connection)).isInstanceOf(ReleaseConnection.Success.class);
      assertThat(connection.isActive()).isFalse();
      assertThat(Redis.releaseConnection(connection))
          .isInstanceOfSatisfying(
              ReleaseConnection.BadConnection.class,
              b -> assertThat(b.error().code()).isEqualTo(RedisErrorCode.CONNECTION_RELEASED));
    }
  }

  @Test
  void releaseConnection_badConnection_forAForeignConnection() {
    Connection foreign =
        new Connection() {
          @Override
          public long id() {
            return 1;
          }

          @Override
          public boolean isDedicated() {
            return false;
          }

          @Override
          public boolean isActive() {
            return true;
          }

          @Override
          public void close() {}
        };
    assertThat(Redis.releaseConnection(foreign))
        .isInstanceOfSatisfying(
            ReleaseConnection.BadConnection.class,
            b -> assertThat(b.error().code()).isEqualTo(RedisErrorCode.NOT_A_CONNECTION));
  }

  @Test
  void releaseConnection_error_whenMissing() {
    assertThat(Redis.releaseConnection(null)).isInstanceOf(ReleaseConnection.Error.class);
  }

  @Test
  void destroyManager_releasesLeasesAndStopsThreads_thenFailsTwice() {
    Manager manager = manager(url());
    Connection shared = Redis.getConnection(manager).orThrow();
    Connection dedicated = Redis.getDedicatedConnection(manager, Duration.ofMillis(2000)).orThrow();

    assertThat(Redis.destroyManager(manager)).isInstanceOf(DestroyManager.Success.class);

    assertThat(manager.isDestroyed()).isTrue();
    assertThat(manager.liveLeaseCount()).isZero();
    assertThat(Redis.getCachedValue(shared, "k"))
        .isInstanceOfSatisfying(
            GetCachedValue.BadConnection.class,
            b -> assertThat(b.error().code()).isEqualTo(RedisErrorCode.MANAGER_DESTROYED));
    assertThat(Redis.releaseConnection(dedicated))
        .isInstanceOf(ReleaseConnection.BadConnection.class);
    assertThat(Redis.destroyManager(manager))
        .isInstanceOfSatisfying(
            DestroyManager.Failed.class,
            f -> assertThat(f.error().code()).isEqualTo(RedisErrorCode.MANAGER_DESTROYED));
    manager.close(); // harmless
  }

  @Test
  void destroyManager_manyCycles_leaveNoLettuceThreads() {
    for (int i = 0; i < 5; i++) {
      try (Manager manager = manager(url())) {
        Redis.getConnection(manager).orThrow();
      }
    }
    Waits.until(
        "no lettuce or netty threads left",
        Duration.ofSeconds(5),
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .noneMatch(n -> n.startsWith("lettuce-") || n.contains("EventLoop")));
  }

  @Test
  void destroyManager_error_whenManagerMissing() {
    assertThat(Redis.destroyManager(null)).isInstanceOf(DestroyManager.Error.class);
  }

  @Test
  void createConnectionUrl_passwordWithReservedCharacters_roundTripsThroughCreateManager() {
    String url =
        Redis.createConnectionUrl("127.0.0.1", redis.server().port(), PASSWORD, 0).orThrow();
    try (Manager manager = manager(url)) {
      assertThat(Redis.getConnection(manager, Duration.ofMillis(5000)))
          .isInstanceOf(GetConnection.Success.class);
    }
  }

  @Test
  void liveLeases_sayWhereALeakedLeaseWasAcquired() {
    try (Manager manager = manager(url() + "?trackLeases=true")) {
      Connection leaked = Redis.getConnection(manager).orThrow();
      List<LeaseInfo> live = manager.liveLeases();
      assertThat(live).hasSize(1);
      assertThat(live.get(0).id()).isEqualTo(leaked.id());
      assertThat(live.get(0).thread()).isEqualTo(Thread.currentThread().getName());
      assertThat(live.get(0).acquiredHere())
          .hasValueSatisfying(
              t ->
                  assertThat(t.getStackTrace())
                      .anyMatch(
                          e ->
                              e.getMethodName()
                                  .equals("liveLeases_sayWhereALeakedLeaseWasAcquired")));
    }
  }

  @Test
  void sameManager_worksAgainAfterServerRestart() {
    try (Manager manager = manager(url())) {
      Connection connection = Redis.getConnection(manager).orThrow();
      Redis.cacheValue(connection, "before", 1).orThrow();
      redis.server().restart();
      Waits.until(
          "the manager works again",
          Duration.ofSeconds(10),
          () -> Redis.cacheValue(connection, "after", 2) instanceof CacheValue.Success);
      assertThat(Redis.getConnection(manager, Duration.ofMillis(2000)))
          .isInstanceOf(GetConnection.Success.class);
    }
  }

  private static String proxyUrl(FaultProxy proxy) {
    return "redis://:" + TestUrls.encode(PASSWORD) + "@127.0.0.1:" + proxy.port();
  }

  private static void assertFailed(String url, RedisErrorCode code) {
    try (Manager manager = manager(url)) {
      assertFailed(manager, code);
    }
  }

  private static void assertFailed(Manager manager, RedisErrorCode code) {
    GetConnection.Result result = Redis.getConnection(manager, Duration.ofMillis(5000));
    assertThat(result)
        .isInstanceOfSatisfying(
            GetConnection.Failed.class,
            f -> {
              assertThat(f.error().code()).as(() -> describe(f.error())).isEqualTo(code);
              assertThat(f.error().message()).doesNotContain(PASSWORD).doesNotContain("wrong");
            });
  }

  private static String describe(MachineError error) {
    java.io.StringWriter trace = new java.io.StringWriter();
    error.cause().ifPresent(c -> c.printStackTrace(new java.io.PrintWriter(trace)));
    return error + "\n" + trace;
  }

  private static int clientsNamed(String name) throws IOException {
    String list = (String) redis.server().command("CLIENT", "LIST");
    return (int) list.lines().filter(l -> l.contains(" name=" + name + " ")).count();
  }

  private static int clientsNamedUnchecked(String name) {
    try {
      return clientsNamed(name);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Map<String, Object> map(Object... pairs) {
    java.util.Map<String, Object> map = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  static RedisServer server() {
    return redis.server();
  }
}
