package dev.mpredis.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpredis.redis.ConnectionString;
import dev.mpredis.redis.ConnectionString.Deployment;
import dev.mpredis.redis.ConnectionString.Node;
import dev.mpredis.redis.ConnectionString.VerifyPeer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The socket, Sentinel and Cluster forms, the options as Java users write them, contradictions. */
@Tag("unit")
class ConnectionStringGrammarTest {

  private static final String SECRET = "Zq9-Secr3t";

  @Test
  void parse_socket_pathAndDatabaseOption() {
    ConnectionString url =
        ConnectionStrings.parse("redis-socket://app:pw@/var/run/my%20redis/redis.sock?database=2");
    assertThat(url.deployment()).isEqualTo(Deployment.SOCKET);
    assertThat(url.socket()).contains("/var/run/my redis/redis.sock");
    assertThat(url.nodes()).isEmpty();
    assertThat(url.database()).isEqualTo(2);
    assertThat(url.username()).contains("app");
    assertThat(url.password()).contains("pw");
    assertThat(url.tls()).isFalse();
    assertThat(url.target()).isEqualTo("/var/run/my redis/redis.sock");
    assertThat(url.format())
        .isEqualTo("redis-socket://app:pw@/var/run/my%20redis/redis.sock?database=2");
    assertThat(ConnectionStrings.parse("redis-socket:///tmp/redis.sock").socket())
        .contains("/tmp/redis.sock");
  }

  @Test
  void parse_sentinel_listDefaultPortsMasterNameAndBothPasswords() {
    ConnectionString url =
        ConnectionStrings.parse(
            "redis-sentinel://app:p%40ss@s1,s2:26380,[::1]/3?sentinelPassword=s%40p#mymaster");
    assertThat(url.deployment()).isEqualTo(Deployment.SENTINEL);
    assertThat(url.nodes())
        .containsExactly(new Node("s1", 26379), new Node("s2", 26380), new Node("::1", 26379));
    assertThat(url.masterName()).contains("mymaster");
    assertThat(url.database()).isEqualTo(3);
    assertThat(url.username()).contains("app");
    assertThat(url.password()).contains("p@ss");
    assertThat(url.sentinelPassword()).contains("s@p");
    assertThat(url.tls()).isFalse();
    assertThat(url.target()).isEqualTo("mymaster via s1:26379,s2:26380,[::1]:26379");
    assertThat(ConnectionStrings.parse("rediss-sentinel://s1#m").tls()).isTrue();
  }

  @Test
  void parse_sentinel_masterNameAsOptionOrLettuceAlias() {
    assertThat(ConnectionStrings.parse("redis-sentinel://s1?masterName=m1").masterName())
        .contains("m1");
    assertThat(ConnectionStrings.parse("redis-sentinel://s1?sentinelMasterId=m2").masterName())
        .contains("m2");
    assertThat(ConnectionStrings.parse("redis-sentinel://s1?masterName=m1").format())
        .isEqualTo("redis-sentinel://s1:26379#m1");
  }

  @Test
  void parse_cluster_seedsWithDefaultPort() {
    ConnectionString url = ConnectionStrings.parse("rediss-cluster://:pw@a:7000,b,[::1]:7002/0");
    assertThat(url.deployment()).isEqualTo(Deployment.CLUSTER);
    assertThat(url.tls()).isTrue();
    assertThat(url.nodes())
        .containsExactly(new Node("a", 7000), new Node("b", 6379), new Node("::1", 7002));
    assertThat(url.database()).isZero();
    assertThat(url.target()).isEqualTo("cluster of a:7000,b:6379,[::1]:7002");
    assertThat(ConnectionStrings.parse("redis-cluster://").nodes())
        .containsExactly(new Node("127.0.0.1", 6379));
  }

  @Test
  void parse_passwordWithRawCommaColonSlashQuestionHash_inEveryListForm() {
    String raw = "a,b:c/d?e#f@g";
    for (String url :
        List.of(
            "redis-sentinel://:" + raw + "@s1,s2/1#m",
            "redis-cluster://u:" + raw + "@a:7000,b:7001",
            "redis-socket://:" + raw + "@/tmp/r.sock")) {
      assertThat(ConnectionStrings.parse(url).password()).as(url).contains(raw);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10s | 10000",
        "500ms | 500",
        "2m | 120000",
        "250 | 250",
        "1ms | 1",
        "10m | 600000",
        "600000 | 600000",
      })
  void parse_durations_takeUnits_aBareNumberIsMilliseconds(String text, long millis) {
    ConnectionString url = ConnectionStrings.parse("redis://h?connectTimeout=" + text);
    assertThat(url.connectTimeout()).isEqualTo(Duration.ofMillis(millis));
    assertThat(ConnectionStrings.parse(url.format())).isEqualTo(url);
  }

  @Test
  void format_writesDurationsInTheLargestUnitThatFits() {
    assertThat(
            ConnectionStrings.parse("redis://h?commandTimeout=120000&connectTimeout=1500").format())
        .isEqualTo("redis://h:6379?connectTimeout=1500ms&commandTimeout=2m");
  }

  @Test
  void parse_lettuceAndSpringNames_meanTheSame() {
    ConnectionString url =
        ConnectionStrings.parse("rediss://h?timeout=2s&db=4&clientName=w1&verifyPeer=NONE");
    assertThat(url.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(url.database()).isEqualTo(4);
    assertThat(url.clientName()).contains("w1");
    assertThat(url.verifyPeer()).isEqualTo(VerifyPeer.NONE);
    assertThat(url.format())
        .isEqualTo("rediss://h:6379/4?commandTimeout=2s&clientName=w1&verifyPeer=none");
    assertThat(ConnectionStrings.parse("rediss://h?verifyPeer=Ca").verifyPeer())
        .isEqualTo(VerifyPeer.CA);
    assertThat(ConnectionStrings.parse("redis://h?database=7").database()).isEqualTo(7);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "app1 | app1:",
        "app1: | app1:",
        "a%3A%3A | a::",
        "a-b | a-b:",
        "a*%3Ab | a*:b:",
      })
  void parse_namespace_getsTheSeparatorUnlessItEndsWithIt(String given, String prefix) {
    ConnectionString url = ConnectionStrings.parse("redis://h?namespace=" + given);
    assertThat(url.namespace()).contains(prefix);
    assertThat(ConnectionStrings.parse(url.format()).namespace()).contains(prefix);
    assertThat(ConnectionString.builder().standalone("h", 6379).namespace(prefix).build())
        .isEqualTo(url);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "redis-cluster://a:7000/1 | a cluster has only database 0",
        "redis-cluster://a:7000?database=2 | a cluster has only database 0",
        "redis-sentinel://s1 | a redis-sentinel:// string needs the master name",
        "redis-sentinel://s1# | needs the master name",
        "redis-sentinel://s1#my%20master | the master name (#name or option 'masterName') must be",
        "redis-sentinel://s1#a#b | the master name (#name or option 'masterName') must be",
        "redis-sentinel://s1?masterName=a#b | the master name is given twice",
        "redis-sentinel://s1,S1:26379#m | a host and port is listed twice",
        "redis-cluster://a:7000,b,a:7000 | a host and port is listed twice",
        "redis-cluster://a,,b | a host in the list is empty",
        "redis-cluster://a, | a host in the list is empty",
        "redis-sentinel://,s1#m | a host in the list is empty",
        "redis://a,b | a comma lists several hosts, which only redis-sentinel://",
        "redis://h?sentinelPassword=x | option 'sentinelPassword' only applies to redis-sentinel://",
        "redis-cluster://h?sentinelPassword=x | only applies to redis-sentinel://",
        "redis-sentinel://s?sentinelPassword=#m | option 'sentinelPassword' must be non-empty",
        "redis-socket:///tmp/r.sock?verifyPeer=ca | only apply to rediss://",
        "redis-cluster://h?caFile=/ca.pem | only apply to rediss://",
        "redis-socket://tmp/r.sock | the socket path must be absolute",
        "redis-socket:// | the socket path must be absolute",
        "redis-socket:///tmp/ | the socket path must be absolute and name a file",
        "redis-socket:///tmp/r.sock#x | fragment",
        "redis-socket:///tmp/%0A.sock | the socket path must not contain control characters",
        "redis://h?masterName=m | option 'masterName' only applies to redis-sentinel://",
        "redis://h/1?database=2 | the database is given twice",
        "redis://h?db=1&database=2 | option 'database' is given twice (its other names: db)",
        "redis://h?database=-1 | option 'database' must be a whole number, 0 or more",
        "redis://h?timeout=1s&commandTimeout=2s | option 'commandTimeout' is given twice",
        "redis://h?ssl=true | 'ssl' is not an option: TLS is chosen by the scheme: write rediss://",
        "redis://h?TLS=1 | 'tls' is not an option: TLS is chosen by the scheme",
        "redis://h?password=x | 'password' is not an option: credentials go in the user info",
        "redis-sentinel://h?sentinel.master=m | the master name is the fragment (#mymaster)",
        "redis-sentinel://h?sentinelUsername=u#m | 'sentinelUsername' is not an option: not supported",
        "redis://h?connect-timeout=1s | did you mean 'connectTimeout'?",
        "redis://h?client_name=x | did you mean 'clientName'?",
        "redis://h?Protocol=3 | did you mean 'protocol'?",
        "redis://h?DB=3 | did you mean 'db'?",
        "rediss://h?verifyPeer=maybe | option 'verifyPeer' must be full, ca or none, in any case",
        "rediss://h?verifyPeer=true | option 'verifyPeer' must be full, ca or none",
        "redis://h?trackLeases=yes | option 'trackLeases' must be true or false",
        "redis://h?namespace=%3A | option 'namespace' must contain a character other than",
        "redis://h?nearCache=yes | option 'nearCache' must be true or false",
        "redis://h?nearCache=true&protocol=2 | option 'nearCache'=true needs RESP3",
        "redis-cluster://h?nearCache=true | option 'nearCache'=true is not supported on a cluster",
        "redis://h?nearCacheSize=10 | options 'nearCacheSize' and 'nearCacheTtl' only apply with"
            + " 'nearCache'=true",
        "redis://h?nearCacheTtl=1s | options 'nearCacheSize' and 'nearCacheTtl' only apply with",
        "redis://h?nearCache=true&nearCacheSize=0 | option 'nearCacheSize' must be a whole number"
            + " from 1 to 100000000",
        "redis://h?nearCache=true&nearCacheSize=ten | option 'nearCacheSize' must be a whole",
        "redis://h?nearCache=true&nearCacheSize=100000001 | option 'nearCacheSize' must be",
        "redis://h?nearCache=true&nearCacheTtl=11m | option 'nearCacheTtl' must be a duration",
        "redis://h?nearCache=true&nearCacheTtl=0 | option 'nearCacheTtl' must be a duration",
      })
  void parse_contradictions_areMalformedNamingThePart(String url, String message) {
    assertThatThrownBy(() -> ConnectionStrings.parse(url))
        .isInstanceOf(MalformedConnectionStringException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://h?sentinelPassword=" + SECRET,
        "redis-sentinel://h?sentinelPassword=" + SECRET,
        "redis-sentinel://h?sentinelPassword=" + SECRET + "%zz#m",
        "redis-sentinel://h?sentinelPassword=" + SECRET + "&sentinelPassword=x#m",
        "redis-sentinel://h?sentinelPassword=ab#c" + SECRET + "#m", // a raw '#' in it
        "redis-sentinel://h?masterName=m&sentinelPassword=ab#c" + SECRET,
        "redis-sentinel://h?sentinelPassword=ab#c" + SECRET + "&masterName=m",
        "redis-sentinel://:" + SECRET + "#m", // the '@' forgotten
        "redis-sentinel://:pw," + SECRET + "s1#m",
        "redis-cluster://:" + SECRET + "a:7000,b:7001",
        "redis-cluster://:" + SECRET + "%zz@a:7000",
        "redis-socket://:" + SECRET + "/tmp/r.sock",
        "redis-socket://" + SECRET + "/tmp/r.sock",
        "redis-socket://:pw@/tmp/" + SECRET + "%C3",
        "redis://h?" + SECRET + "=1",
        "redis://h?SSL_" + SECRET + "=1",
      })
  void parse_malformed_neverEchoesEitherPassword(String url) {
    assertThatThrownBy(() -> ConnectionStrings.parse(url))
        .isInstanceOf(MalformedConnectionStringException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("Secr"));
  }

  @Test
  void toString_masksBothPasswordsWithTheOneMask() {
    ConnectionString url =
        ConnectionStrings.parse(
            "rediss-sentinel://u:" + SECRET + "@s1?sentinelPassword=" + SECRET + "x#m");
    assertThat(url.toString())
        .isEqualTo("rediss-sentinel://u:****@s1:26379?sentinelPassword=****#m")
        .doesNotContain(SECRET);
    assertThat(url.format()).contains(SECRET + "@").contains("sentinelPassword=" + SECRET + "x#");
  }
}
