package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The connection strings of each kind, in mp-redis's grammar; no server needed. */
class RedisEndpointsTest {

  private static final List<RedisEndpoints.Address> THREE =
      List.of(
          new RedisEndpoints.Address("127.0.0.1", 7001),
          new RedisEndpoints.Address("127.0.0.1", 7002),
          new RedisEndpoints.Address("127.0.0.1", 7003));

  private static RedisEndpoints sentinel(Optional<String> password, Optional<String> watch) {
    return new RedisEndpoints(
        RedisKind.SENTINEL,
        THREE,
        Optional.empty(),
        Optional.empty(),
        Optional.of("mymaster"),
        password,
        watch);
  }

  @Test
  void uri_standalone_andSocket() {
    RedisEndpoints tcp =
        RedisEndpoints.server(
            Optional.of(THREE.get(0)), Optional.empty(), Optional.empty(), Optional.of("pw"));
    assertThat(tcp.kind()).isEqualTo(RedisKind.STANDALONE);
    assertThat(tcp.uri()).isEqualTo("redis://127.0.0.1:7001");
    assertThat(tcp.uri("namespace=app")).isEqualTo("redis://127.0.0.1:7001?namespace=app");
    assertThat(tcp.uriWithCredentials()).isEqualTo("redis://:pw@127.0.0.1:7001");

    RedisEndpoints socket =
        RedisEndpoints.server(
            Optional.empty(),
            Optional.of(Path.of("/tmp/x/redis.sock")),
            Optional.empty(),
            Optional.empty());
    assertThat(socket.kind()).isEqualTo(RedisKind.SOCKET);
    assertThat(socket.uri()).isEqualTo("redis-socket:///tmp/x/redis.sock");
    assertThat(socket.uriWithCredentials()).isEqualTo(socket.uri());
  }

  @Test
  void uri_sentinel_listsEverySentinel_masterNameLast_sentinelPasswordAsOption() {
    assertThat(sentinel(Optional.empty(), Optional.empty()).uri())
        .isEqualTo("redis-sentinel://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003#mymaster");
    RedisEndpoints guarded = sentinel(Optional.of("s3cret"), Optional.of("w@tch me/&?#"));
    assertThat(guarded.uri())
        .isEqualTo(
            "redis-sentinel://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003"
                + "?sentinelPassword=w%40tch%20me%2F%26%3F%23#mymaster");
    assertThat(guarded.uri("commandTimeout=200"))
        .isEqualTo(
            "redis-sentinel://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003"
                + "?sentinelPassword=w%40tch%20me%2F%26%3F%23&commandTimeout=200#mymaster");
    assertThat(guarded.uriWithCredentials())
        .startsWith("redis-sentinel://:s3cret@127.0.0.1:7001,")
        .endsWith("#mymaster");
  }

  @Test
  void uri_cluster_givesEveryNodeAsSeed() {
    RedisEndpoints cluster =
        new RedisEndpoints(
            RedisKind.CLUSTER,
            THREE,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("p:w"),
            Optional.empty());
    assertThat(cluster.uri())
        .isEqualTo("redis-cluster://127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003");
    assertThat(cluster.uriWithCredentials())
        .isEqualTo("redis-cluster://:p%3Aw@127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003");
  }

  @Test
  void percentEncode_encodesUtf8BytesButUnreserved() {
    assertThat(RedisEndpoints.percentEncode("aZ09-._~")).isEqualTo("aZ09-._~");
    assertThat(RedisEndpoints.percentEncode("ü +")).isEqualTo("%C3%BC%20%2B");
  }

  @Test
  void toString_masksBothPasswords() {
    String text = sentinel(Optional.of("s3cret"), Optional.of("watch")).toString();
    assertThat(text).doesNotContain("s3cret").doesNotContain("watch");
    assertThat(text).contains("password=****").contains("sentinelPassword=****");
  }

  @Test
  void constructor_refusesPartsThatDoNotFitTheKind() {
    assertThatThrownBy(
            () ->
                new RedisEndpoints(
                    RedisKind.SENTINEL,
                    THREE,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("master name");
    assertThatThrownBy(
            () ->
                new RedisEndpoints(
                    RedisKind.CLUSTER,
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .hasMessage("CLUSTER endpoints need an address");
    assertThatThrownBy(
            () ->
                new RedisEndpoints(
                    RedisKind.CLUSTER,
                    THREE,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("watch")))
        .hasMessageContaining("SENTINEL endpoints only");
  }
}
