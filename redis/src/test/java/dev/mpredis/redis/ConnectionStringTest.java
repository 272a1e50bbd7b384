package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpredis.redis.ConnectionString.Deployment;
import dev.mpredis.redis.ConnectionString.Node;
import dev.mpredis.redis.ConnectionString.VerifyPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The public face: builder, format, parse back, masked toString, the options enum. */
@Tag("unit")
class ConnectionStringTest {

  private static final String ALPHABET = "abcXYZ019 :@/?#%&=+[]!$'()*,;~-._éü€😀\t";

  @Test
  void format_originalOutputs() {
    assertThat(ConnectionString.builder().build().format()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(
            ConnectionString.builder()
                .standalone("redis2go.com", 6380)
                .password("secret")
                .database(15)
                .build()
                .format())
        .isEqualTo("redis://:secret@redis2go.com:6380/15");
  }

  @Test
  void format_eachDeployment() {
    assertThat(
            ConnectionString.builder()
                .socket("/tmp/redis.sock")
                .database(2)
                .password("pw")
                .build()
                .format())
        .isEqualTo("redis-socket://:pw@/tmp/redis.sock?database=2");
    assertThat(
            ConnectionString.builder()
                .sentinel("mymaster", List.of(new Node("s1", 26379), new Node("::1", 26380)))
                .tls(true)
                .sentinelPassword("sp")
                .database(1)
                .build()
                .format())
        .isEqualTo("rediss-sentinel://s1:26379,[::1]:26380/1?sentinelPassword=sp#mymaster");
    assertThat(
            ConnectionString.builder()
                .cluster(List.of(new Node("a", 7000), new Node("b", 7001)))
                .commandTimeout(Duration.ofMillis(1500))
                .build()
                .format())
        .isEqualTo("redis-cluster://a:7000,b:7001?commandTimeout=1500ms");
  }

  /** Random deployments, credentials and options: format() parses back equal, value by value. */
  @Test
  void format_thenParse_roundTripsEveryDeployment() {
    Random random = new Random(20261128L); // seeded: a failure is reproducible
    for (int i = 0; i < 3000; i++) {
      ConnectionString built = random(random);
      String text = built.format();
      ConnectionString parsed = ConnectionString.parse(text);

      assertThat(parsed).as(text).isEqualTo(built);
      assertThat(parsed.format()).isEqualTo(text);
      assertThat(parsed.deployment()).isEqualTo(built.deployment());
      assertThat(parsed.nodes()).as(text).isEqualTo(built.nodes());
      assertThat(parsed.socket()).as(text).isEqualTo(built.socket());
      assertThat(parsed.masterName()).isEqualTo(built.masterName());
      assertThat(parsed.username()).as(text).isEqualTo(built.username());
      assertThat(parsed.password()).as(text).isEqualTo(built.password());
      assertThat(parsed.sentinelPassword()).as(text).isEqualTo(built.sentinelPassword());
      assertThat(parsed.database()).isEqualTo(built.database());
      assertThat(parsed.connectTimeout()).isEqualTo(built.connectTimeout());
      assertThat(parsed.commandTimeout()).isEqualTo(built.commandTimeout());
      assertThat(parsed.clientName()).isEqualTo(built.clientName());
      assertThat(parsed.caFile()).as(text).isEqualTo(built.caFile());
      assertThat(parsed.namespace()).as(text).isEqualTo(built.namespace());
      assertThat(parsed.toString()).isEqualTo(built.toString());
      if (built.password().isPresent()) {
        assertThat(built.toString()).contains(":****@");
      }
      if (built.sentinelPassword().isPresent()) {
        assertThat(built.toString()).contains("sentinelPassword=****");
      }
    }
  }

  private static ConnectionString random(Random random) {
    ConnectionStringBuilder b = ConnectionString.builder();
    Deployment deployment = Deployment.values()[random.nextInt(Deployment.values().length)];
    switch (deployment) {
      case STANDALONE -> b.standalone(host(random), 1 + random.nextInt(65535));
      case SOCKET ->
          b.socket("/tmp/" + text(random, 1 + random.nextInt(8)).replace("\t", "") + "/r");
      case SENTINEL ->
          b.sentinel(random.nextBoolean() ? "mymaster" : "m-1.a_b", nodes(random))
              .sentinelPassword(random.nextBoolean() ? text(random, 1 + random.nextInt(30)) : null);
      case CLUSTER -> b.cluster(nodes(random));
    }
    boolean tls = deployment != Deployment.SOCKET && random.nextBoolean();
    b.tls(tls)
        .database(deployment == Deployment.CLUSTER ? 0 : random.nextInt(3) * 7)
        .username(random.nextInt(3) == 0 ? text(random, 1 + random.nextInt(12)) : null)
        .password(random.nextInt(4) == 0 ? null : text(random, 1 + random.nextInt(40)))
        .connectTimeout(
            Duration.ofMillis(
                List.of(1, 999, 1000, 10_000, 60_000, 600_000).get(random.nextInt(6))))
        .commandTimeout(Duration.ofMillis(1 + random.nextInt(600_000)))
        .clientName(random.nextBoolean() ? "worker-" + random.nextInt(9) : null)
        .protocol(random.nextBoolean() ? null : 2 + random.nextInt(2))
        .namespace(random.nextBoolean() ? null : "n" + text(random, random.nextInt(6)))
        .trackLeases(random.nextBoolean());
    if (deployment != Deployment.CLUSTER
        && !Integer.valueOf(2).equals(b.build().protocol().orElse(null))
        && random.nextBoolean()) {
      b.nearCache(true)
          .nearCacheSize(random.nextBoolean() ? 1 + random.nextInt(100_000) : 10_000)
          .nearCacheTtl(Duration.ofMillis(1 + random.nextInt(600_000)));
    }
    if (tls) {
      b.verifyPeer(VerifyPeer.values()[random.nextInt(3)])
          .caFile(random.nextBoolean() ? "/etc/" + text(random, 1 + random.nextInt(9)) : null);
      if (random.nextBoolean()) {
        b.clientCertificate("/c ert.pem", "/k%ey.pem");
      }
    }
    return b.build();
  }

  private static List<Node> nodes(Random random) {
    Set<String> seen = new LinkedHashSet<>();
    List<Node> nodes = new ArrayList<>();
    for (int n = 1 + random.nextInt(4); nodes.size() < n; ) {
      Node node = new Node(host(random), 1 + random.nextInt(65535));
      if (seen.add(node.toString())) {
        nodes.add(node);
      }
    }
    return nodes;
  }

  private static String host(Random random) {
    return List.of("127.0.0.1", "cache.example.com", "::1", "fe80::1%eth0", "redis_1", "H-2")
        .get(random.nextInt(6));
  }

  private static String text(Random random, int length) {
    int[] codePoints = ALPHABET.codePoints().toArray();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
    }
    return text.toString();
  }

  @Test
  void toBuilder_keepsEverything_andChangesOnlyWhatIsSet() {
    ConnectionString url =
        ConnectionString.parse("rediss-sentinel://u:pw@s1,s2/2?sentinelPassword=sp&namespace=a#m");
    assertThat(url.toBuilder().build()).isEqualTo(url);
    ConnectionString other = url.toBuilder().password("other").build();
    assertThat(other.password()).contains("other");
    assertThat(url.password()).contains("pw");
    assertThat(other.namespace()).contains("a:");
  }

  @Test
  void build_refusesContradictions() {
    assertThatThrownBy(
            () -> ConnectionString.builder().cluster(List.of(new Node("a", 1))).database(1).build())
        .hasMessageContaining("a cluster has only database 0");
    assertThatThrownBy(
            () -> ConnectionString.builder().sentinel(null, List.of(new Node("a", 1))).build())
        .hasMessageContaining("needs the master name");
    assertThatThrownBy(() -> ConnectionString.builder().sentinelPassword("x").build())
        .hasMessageContaining("only applies to redis-sentinel://");
    assertThatThrownBy(() -> ConnectionString.builder().socket("/tmp/r.sock").tls(true).build())
        .hasMessageContaining("does not use TLS");
    assertThatThrownBy(() -> ConnectionString.builder().cluster(List.of()).build())
        .hasMessageContaining("at least one host");
    assertThatThrownBy(
            () ->
                ConnectionString.builder()
                    .cluster(List.of(new Node("a", 1), new Node("A", 1)))
                    .build())
        .hasMessageContaining("listed twice");
    assertThatThrownBy(
            () -> ConnectionString.builder().commandTimeout(Duration.ofNanos(1_500_000)).build())
        .hasMessageContaining("option 'commandTimeout' must be from 1ms to 10m");
    assertThatThrownBy(() -> ConnectionString.builder().connectTimeout(Duration.ofDays(1)).build())
        .hasMessageContaining("option 'connectTimeout' must be from 1ms to 10m");
    assertThatThrownBy(() -> ConnectionString.builder().protocol(4).build())
        .hasMessageContaining("option 'protocol' must be 2 or 3");
    assertThatThrownBy(() -> ConnectionString.builder().password("").build())
        .hasMessageContaining("the password must not be empty");
    assertThatThrownBy(() -> new Node("ho st", 1)).hasMessageContaining("a host name may contain");
    assertThatThrownBy(() -> new Node("h", 0)).hasMessageContaining("from 1 to 65535");
  }

  @Test
  void namespace_isThePrefixWithItsSeparator() {
    assertThat(ConnectionString.builder().namespace("app1").build().namespace()).contains("app1:");
    assertThat(ConnectionString.builder().namespace("app1:").build().namespace()).contains("app1:");
    assertThatThrownBy(() -> ConnectionString.builder().namespace("::").build())
        .hasMessageContaining("option 'namespace' must contain a character other than");
  }

  @Test
  void options_haveUniqueNamesAndAliases_andEachIsFoundByEveryName() {
    Set<String> names = new LinkedHashSet<>();
    for (ConnectionOption option : ConnectionOption.values()) {
      assertThat(names.add(option.optionName())).as(option.optionName()).isTrue();
      assertThat(ConnectionOption.named(option.optionName())).contains(option);
      for (String alias : option.aliases()) {
        assertThat(names.add(alias)).as(alias).isTrue();
        assertThat(ConnectionOption.named(alias)).contains(option);
      }
      assertThat(option.description()).isNotBlank();
      assertThat(option.rule()).isNotBlank();
    }
    assertThat(ConnectionOption.named("Database")).isEmpty();
    assertThat(ConnectionOption.SENTINEL_PASSWORD.isSecret()).isTrue();
  }
}
