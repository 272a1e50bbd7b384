package dev.mpredis.redis;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitKind;
import dev.mpredis.machine.MachineException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A read's result with the cache-aside path besides the exhaustive one: a {@code notFound} exit is
 * a miss, a success holds the value, and every failure still throws. Results are immutable.
 *
 * <pre>{@code
 * Session s = Redis.getCachedValue(c, "session:abc", Session.class).orElseGet(this::load);
 * }</pre>
 *
 * @param <T> the type of the value
 */
public interface MaybeValue<T> extends Exit<T> {

  /**
   * The value, or empty when the key does not exist.
   *
   * @throws IllegalStateException if the key holds a JSON {@code null}: a stored null is a value,
   *     not a miss, and an {@code Optional} cannot hold it (use {@link #orElse(Object)}, which
   *     returns it, or the exhaustive form)
   * @throws MachineException for {@code badConnection} and {@code error}: a failure is not a miss
   */
  default Optional<T> asOptional() {
    if (isMiss()) {
      return Optional.empty();
    }
    T value = orThrow();
    if (value == null) {
      throw new IllegalStateException(
          "the key holds a stored JSON null, which an Optional cannot hold; use orElse(..) or"
              + " match(..) to read it");
    }
    return Optional.of(value);
  }

  /**
   * The value (also a stored JSON {@code null}), or {@code other} when the key does not exist.
   *
   * @throws MachineException for {@code badConnection} and {@code error}: a failure is not a miss
   */
  default T orElse(T other) {
    return isMiss() ? other : orThrow();
  }

  /**
   * The value (also a stored JSON {@code null}), or what {@code other} supplies when the key does
   * not exist; {@code other} is called only then.
   *
   * @throws MachineException for {@code badConnection} and {@code error}: a failure is not a miss
   */
  default T orElseGet(Supplier<? extends T> other) {
    return isMiss() ? other.get() : orThrow();
  }

  private boolean isMiss() {
    return exitKind() == ExitKind.NOT_FOUND;
  }
}
