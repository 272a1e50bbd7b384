package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.Exit;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The building blocks (locks, rate-limit, send-command, list-keys) on every deployment, through the
 * typed face: one body per behaviour, run on one server over TCP, a unix socket, a Sentinel group
 * and a Cluster of three masters. Their other exits (bad inputs, ACL refusals, dedicated
 * connections) are in {@link LocksTest}, {@link RateLimitTest}, {@link SendCommandTest} and {@link
 * ListKeysTest}.
 */
class BuildingBlocksMatrixTest extends EveryDeployment {

  private static final Duration TTL = Duration.ofSeconds(30);

  @AcrossDeployments(faces = Face.TYPED)
  void locks_holderOnly_everyExit(Deployment on, Face face) {
    Connection c = on.connection();
    String token = Redis.acquireLock(c, "job", TTL, Duration.ZERO).orThrow();

    assertThat(Redis.acquireLock(c, "job", TTL, Duration.ofMillis(50)))
        .isInstanceOf(AcquireLock.NotAcquired.class);
    assertThat(Redis.releaseLock(c, "job", "not-the-token"))
        .isInstanceOf(ReleaseLock.NotHeld.class);
    assertThat(Redis.extendLock(c, "job", token, Duration.ofMinutes(5)).isSuccess()).isTrue();
    assertThat((Long) on.command("job", "PTTL", "job")).isGreaterThan(TTL.toMillis());
    assertThat(Redis.releaseLock(c, "job", token).isSuccess()).isTrue();
    assertThat(Redis.releaseLock(c, "job", token)).isInstanceOf(ReleaseLock.NotHeld.class);
    assertThat(Redis.extendLock(c, "job", token, TTL)).isInstanceOf(ExtendLock.NotHeld.class);
  }

  @AcrossDeployments(faces = Face.TYPED)
  void rateLimit_allowsTheLimit_thenRefusesWithATimeToRetry(Deployment on, Face face) {
    Connection c = on.connection();
    for (int i = 0; i < 3; i++) {
      RateDecision decision = Redis.rateLimit(c, "api", 3, Duration.ofMinutes(1)).orThrow();
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.remaining()).isEqualTo(2 - i);
    }

    RateDecision refused = Redis.rateLimit(c, "api", 3, Duration.ofMinutes(1)).orThrow();

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isPositive();
  }

  @AcrossDeployments(faces = Face.TYPED)
  void sendCommand_roundTrips_andClassifiesServerErrors(Deployment on, Face face) {
    Connection c = on.connection();
    assertThat(Redis.sendCommand(c, "HSET", "h", "f", "v").output()).isEqualTo(1L);
    assertThat(Redis.sendCommand(c, "HGET", "h", "f").output()).isEqualTo("v");
    assertThat(Redis.sendCommand(c, "PING").output()).isEqualTo("PONG");

    SendCommand.Result wrongType = Redis.sendCommand(c, "LPUSH", "h", "x");

    assertThat(wrongType.exitName()).isEqualTo("failed");
    assertThat(((Exit.Failed) wrongType).error().code()).isEqualTo(RedisErrorCode.WRONG_TYPE);
  }

  @AcrossDeployments(faces = Face.TYPED)
  void listKeys_pagesToTheEnd_findingEveryKey(Deployment on, Face face) {
    Set<String> written = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      Redis.cacheValue(on.connection(), "item:" + i, i).orThrow();
      written.add("item:" + i);
    }
    Redis.cacheValue(on.connection(), "other", 0).orThrow();

    Set<String> listed = new HashSet<>();
    String cursor = null;
    int calls = 0;
    do {
      KeyPage page = Redis.listKeys(on.connection(), "item:*", 6, cursor).orThrow();
      listed.addAll(page.keys());
      cursor = page.cursor();
    } while (cursor != null && ++calls < 200);

    assertThat(cursor).isNull();
    assertThat(listed).isEqualTo(written);
    assertThat(List.copyOf(listed)).doesNotContain("other");
  }
}
