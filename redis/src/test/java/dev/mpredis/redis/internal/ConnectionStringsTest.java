package dev.mpredis.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpredis.redis.ConnectionString;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class ConnectionStringsTest {

  private static final String SECRET = "Zq9-Secr3t";

  @Test
  void parse_bareScheme_takesDefaults() {
    ConnectionString settings = ConnectionStrings.parse("redis://");
    assertThat(settings.nodes().get(0).host()).isEqualTo("127.0.0.1");
    assertThat(settings.nodes().get(0).port()).isEqualTo(6379);
    assertThat(settings.database()).isZero();
    assertThat(settings.password()).isEmpty();
    assertThat(settings.tls()).isFalse();
    assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void parse_everyPart() {
    ConnectionString settings =
        ConnectionStrings.parse(
            "rediss://app:p%40ss@cache.example.com:6380/15?connectTimeout=250&commandTimeout=750"
                + "&clientName=worker-1&protocol=2&verifyPeer=ca&namespace=app1:&trackLeases=true");
    assertThat(settings.tls()).isTrue();
    assertThat(settings.username()).contains("app");
    assertThat(settings.password()).contains("p@ss");
    assertThat(settings.nodes().get(0).host()).isEqualTo("cache.example.com");
    assertThat(settings.nodes().get(0).port()).isEqualTo(6380);
    assertThat(settings.database()).isEqualTo(15);
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.commandTimeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(settings.clientName()).contains("worker-1");
    assertThat(settings.protocol()).contains(2);
    assertThat(settings.verifyPeer()).isEqualTo(ConnectionString.VerifyPeer.CA);
    assertThat(settings.namespace()).contains("app1:");
    assertThat(settings.trackLeases()).isTrue();
  }

  @Test
  void parse_originalStyle_passwordWithoutUser() {
    ConnectionString settings = ConnectionStrings.parse("redis://:secret@redis2go.com:6380/15");
    assertThat(settings.username()).isEmpty();
    assertThat(settings.password()).contains("secret");
    assertThat(settings.target()).isEqualTo("redis2go.com:6380");
  }

  @Test
  void parse_userInfoWithoutColon_isAPassword() {
    assertThat(ConnectionStrings.parse("redis://secret@host").password()).contains("secret");
  }

  @Test
  void parse_rawReservedCharactersInPassword_endAtLastAt() {
    ConnectionString settings = ConnectionStrings.parse("redis://:a/b?c#d@host:1234");
    assertThat(settings.password()).contains("a/b?c#d");
    assertThat(settings.nodes().get(0).port()).isEqualTo(1234);
  }

  @Test
  void parse_ipv6() {
    ConnectionString settings = ConnectionStrings.parse("redis://[::1]:7000");
    assertThat(settings.nodes().get(0).host()).isEqualTo("::1");
    assertThat(settings.target()).isEqualTo("[::1]:7000");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://host | the scheme is not supported",
        "redis+ssl://host | (for redis+ssl:// write rediss://)",
        "unix:///tmp/redis.sock | (for unix:// write redis-socket://)",
        "host:6379 | must start with redis://",
        "redis://host:0 | the port must be a number from 1 to 65535",
        "redis://host:65536 | the port must be a number from 1 to 65535",
        "redis://host:abc | the authority (user info, host and port) cannot be read: the port",
        "redis://host/-1 | the database (the path /<db>) must be a non-negative integer",
        "redis://host/x | the database",
        "redis://host?nope=1 | an option name is unknown",
        "redis://host?commandTimeout=1&commandTimeout=2 | option 'commandTimeout' is given twice",
        "redis://host?commandTimeout=0 | option 'commandTimeout' must be a duration from 1ms to 10m",
        "redis://host?commandTimeout=11m | must be a duration from 1ms to 10m",
        "redis://host?commandTimeout=1h | must be a duration from 1ms to 10m",
        "redis://host?commandTimeout=1.5s | a whole number with unit ms, s or m",
        "redis://host?connectTimeout=600001 | must be a duration from 1ms to 10m",
        "redis://host?protocol=4 | option 'protocol' must be 2 or 3",
        "redis://host?verifyPeer=none | only apply to rediss://",
        "redis://host?caFile=/ca.pem | only apply to rediss://",
        "rediss://host?certFile=/c.pem | give both or neither",
        "rediss://host?caFile= | must not be empty",
        "redis://host?namespace=* | must contain a character other than",
        "redis://host?clientName=a%20b | printable ASCII without spaces",
        "redis://host#frag | fragment",
        "rediss-cluster://host#frag | only a redis-sentinel:// string ends with #masterName",
        "redis://ho st | a host name may contain only",
        "redis://[::1 | ']' never closes it",
        "redis://[not-v6]:6379 | only an IPv6 address",
        "redis://[::1%]:6379 | only an IPv6 address",
        "redis://host?flag | must be written name=value",
        "redis://:pw127.0.0.1:6379 | cannot be read: the port must be a number from 1 to 65535;"
            + " is an '@' missing after the password?",
      })
  void parse_malformed_namesThePart(String url, String message) {
    assertThatThrownBy(() -> ConnectionStrings.parse(url))
        .isInstanceOf(MalformedConnectionStringException.class)
        .hasMessageContaining(message);
  }

  @Test
  void parse_tooLong_isRefused() {
    assertThatThrownBy(() -> ConnectionStrings.parse("redis://h/" + "1".repeat(5000)))
        .hasMessage("the connection string is longer than 4096 characters");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://:" + SECRET + "@ho st:6379",
        "redis://:" + SECRET + "@host:port",
        "redis://user:" + SECRET + "@host/db",
        "redis://user:" + SECRET + "%zz@host",
        "redis://user:" + SECRET + "%C3@host",
        "redis://:" + SECRET + "@host?bad=1",
        "redis://:" + SECRET + "@host#x",
        "gopher://:" + SECRET + "@host",
        "redis://:" + SECRET + "127.0.0.1:6379", // the '@' forgotten
        "redis://user:" + SECRET + "127.0.0.1:6379",
        "redis://:pw/" + SECRET + "127.0.0.1", // a raw '/' in the password, the '@' forgotten
        "redis://:pw?" + SECRET + "127.0.0.1",
        "redis://:pw?" + SECRET + "=1",
        "redis://:pw#" + SECRET,
        "redis://" + SECRET + "@host:6379?clientName=me@x", // a raw '@' in an option value
        SECRET + "://host",
        "redis://" + SECRET + "%C3%A9",
      })
  void parse_malformed_neverEchoesThePassword(String url) {
    assertThatThrownBy(() -> ConnectionStrings.parse(url))
        .isInstanceOf(MalformedConnectionStringException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("Secr"));
  }

  @Test
  void parse_forgottenAt_asksForItAndQuotesNothing() {
    assertThatThrownBy(() -> ConnectionStrings.parse("redis://user:" + SECRET + "127.0.0.1:6379"))
        .hasMessage(
            "the authority (user info, host and port) cannot be read: the port must be a number"
                + " from 1 to 65535; is an '@' missing after the password?");
    assertThatThrownBy(() -> ConnectionStrings.parse("redis://host:65536"))
        .hasMessage(
            "the authority (user info, host and port) cannot be read: the port must be a number"
                + " from 1 to 65535");
  }

  @Test
  void parse_rawSupplementaryCharacterBesidePercentEscape_keepsIt() {
    assertThat(ConnectionStrings.parse("redis://:%C3%A9\uD83D\uDE00@host").password())
        .contains("\u00e9\uD83D\uDE00");
  }

  @Test
  void parse_rawAtInUsername_isMalformed() {
    assertThatThrownBy(() -> ConnectionStrings.parse("redis://me@example.com:pw@host"))
        .isInstanceOf(MalformedConnectionStringException.class)
        .hasMessageContaining("must be written %40")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("example"));
    assertThat(ConnectionStrings.parse("redis://me%40example.com:pw@host").username())
        .contains("me@example.com");
  }

  @Test
  void parse_percentOutsideBrackets_isNoHostName() {
    assertThatThrownBy(() -> ConnectionStrings.parse("redis://%C3%A9x:6379"))
        .hasMessageContaining("a host name may contain only");
    assertThat(ConnectionStrings.parse("redis://[fe80::1%eth0]:6379").nodes().get(0).host())
        .isEqualTo("fe80::1%eth0");
  }

  @Test
  void toString_masksPasswordWithFixedMask() {
    ConnectionString settings = ConnectionStrings.parse("redis://u:" + SECRET + "@h:1/2");
    assertThat(settings.toString()).doesNotContain(SECRET).contains(":****@");
    ConnectionString longer = ConnectionStrings.parse("redis://u:" + SECRET + SECRET + "@h:1/2");
    assertThat(longer.toString()).contains(":****@"); // same mask whatever the length
  }

  @Test
  void scanPattern_escapesGlobCharacters() {
    assertThat(Namespaces.scanPattern("a*b?[c]\\:")).isEqualTo("a\\*b\\?\\[c\\]\\\\:*");
  }
}
