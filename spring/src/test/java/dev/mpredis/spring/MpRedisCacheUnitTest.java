package dev.mpredis.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.ParameterizedType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.cache.interceptor.SimpleKey;

/** Keys, type resolution and ttl rules, without a server. */
@Tag("unit")
class MpRedisCacheUnitTest {

  private final MpRedisCache cache =
      new MpRedisCache(
          "users",
          Duration.ZERO,
          true,
          () -> {
            throw new AssertionError("no connection needed");
          },
          null,
          null);

  @Test
  void redisKey_isCacheNameColonKeyText() {
    assertThat(cache.redisKey("a:b")).isEqualTo("users:a:b");
    assertThat(cache.redisKey(42L)).isEqualTo("users:42");
    assertThat(cache.redisKey(new SimpleKey("a", 1))).isEqualTo("users:SimpleKey [a, 1]");
  }

  @Test
  void redisKey_withoutAToStringOfItsOwn_isRefused() {
    assertThatThrownBy(() -> cache.redisKey(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cache 'users'")
        .hasMessageContaining("java.lang.Object has no toString of its own");
  }

  @Test
  void globEscaped_escapesEveryGlobCharacter() {
    assertThat(MpRedisCache.globEscaped("a*b?[c]\\:")).isEqualTo("a\\*b\\?\\[c\\]\\\\:");
  }

  interface Shapes {
    String text();

    int number();

    List<String> list();

    Optional<Long> optional();

    CompletableFuture<List<Integer>> future();

    void nothing();

    Object anything();
  }

  @Test
  void valueType_isTheReturnType_unwrappedAndBoxed() throws Exception {
    assertThat(type("text")).isEqualTo(String.class);
    assertThat(type("number")).isEqualTo(Integer.class);
    assertThat(type("optional")).isEqualTo(Long.class);
    assertThat(type("nothing")).isEqualTo(Object.class);
    assertThat(type("anything")).isEqualTo(Object.class);
    assertThat(type("list"))
        .isInstanceOfSatisfying(
            ParameterizedType.class,
            p -> assertThat(p.getActualTypeArguments()).containsExactly(String.class));
    assertThat(type("future").getTypeName()).isEqualTo("java.util.List<java.lang.Integer>");
  }

  @Test
  void readingAs_sameType_isTheSameCache() {
    assertThat(cache.readingAs(null)).isSameAs(cache);
    assertThat(cache.readingAs(String.class).valueType()).isEqualTo(String.class);
  }

  @Test
  void builder_rejectsTtlsRedisCannotKeep() {
    assertThatThrownBy(
            () ->
                MpRedisCacheManager.builder(new NoManager())
                    .defaultTimeToLive(Duration.ofMillis(1500)))
        .hasMessageContaining("default time to live was set to PT1.5S, must be whole seconds");
    assertThatThrownBy(
            () -> MpRedisCacheManager.builder(new NoManager()).cache("c", Duration.ofSeconds(-1)))
        .hasMessageContaining("time to live of cache 'c'");
  }

  private static java.lang.reflect.Type type(String method) throws NoSuchMethodException {
    return MpRedisCacheResolver.valueType(Shapes.class.getMethod(method), Shapes.class);
  }

  /** A manager that is never used. */
  private static final class NoManager implements dev.mpredis.redis.Manager {
    @Override
    public boolean isDestroyed() {
      return false;
    }

    @Override
    public String target() {
      return "nowhere";
    }

    @Override
    public int liveLeaseCount() {
      return 0;
    }

    @Override
    public List<dev.mpredis.redis.LeaseInfo> liveLeases() {
      return List.of();
    }

    @Override
    public void addObserver(dev.mpredis.machine.MachineObserver observer) {}

    @Override
    public void removeObserver(dev.mpredis.machine.MachineObserver observer) {}

    @Override
    public void close() {}
  }
}
