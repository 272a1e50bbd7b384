package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Connection strings are read by ConnectionString, never by a pattern; one mask for everything. */
@Tag("unit")
class RedactionTest {

  private static final String CANARY = "Canary#pw-7Qx!z@42";

  @Test
  void addUrl_printsTheStringMasked_bothPasswordsAreSecrets() {
    Redaction redaction = new Redaction();
    String url = "redis-sentinel://:pw-Data1@s1,s2?sentinelPassword=pw-Sent1#mymaster";
    redaction.addUrl(url);

    assertThat(redaction.text("using " + url + " now"))
        .isEqualTo(
            "using redis-sentinel://:****@s1:26379,s2:26379?sentinelPassword=****#mymaster now");
    assertThat(redaction.text("pw-Data1 and pw-Sent1")).isEqualTo("**** and ****");
  }

  @Test
  void addUrl_thatDoesNotParse_printsAsTheMaskWhole() {
    Redaction redaction = new Redaction();
    String url = "redis://:" + CANARY + "@h:99999";
    redaction.addUrl(url);

    assertThat(redaction.text("[" + url + "]")).isEqualTo("[****]");
  }

  @Test
  void addArgument_findsTheStringAfterAnOptionOrInputName() {
    Redaction redaction = new Redaction();
    redaction.addArgument("--uri=redis://u:abc@h");
    redaction.addArgument("connectionString=rediss-cluster://:xy@a,b");
    redaction.addArgument("--json");

    assertThat(redaction.text("Unknown option: '--uri=redis://u:abc@h'"))
        .isEqualTo("Unknown option: '--uri=redis://u:****@h:6379'");
    assertThat(redaction.text("input connectionString=rediss-cluster://:xy@a,b"))
        .isEqualTo("input connectionString=rediss-cluster://:****@a:6379,b:6379");
  }

  @Test
  void text_thatIsAConnectionString_printsMasked_evenAShortPassword() {
    Redaction redaction = new Redaction();

    assertThat(redaction.text("redis://:ab@redis2go.com:6380/15"))
        .isEqualTo("redis://:****@redis2go.com:6380/15");
    assertThat(redaction.text("redis://redis2go.com:6380/15"))
        .isEqualTo("redis://redis2go.com:6380/15");
    assertThat(redaction.text("not a url: ab")).isEqualTo("not a url: ab");
  }

  @Test
  void hasPassword_readsTheString_orSaysYesForAnUnreadableOneWithAnAt() {
    assertThat(Redaction.hasPassword("redis://:pw@h")).isTrue();
    assertThat(Redaction.hasPassword("redis-sentinel://h?sentinelPassword=x#m")).isTrue();
    assertThat(Redaction.hasPassword("redis://user:@h")).isFalse();
    assertThat(Redaction.hasPassword("redis://h")).isFalse();
    assertThat(Redaction.hasPassword("redis://:pw@h:99999")).isTrue();
    assertThat(Redaction.hasPassword("redis://h:99999")).isFalse();
  }
}
