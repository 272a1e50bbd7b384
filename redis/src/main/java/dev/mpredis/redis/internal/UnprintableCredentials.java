package dev.mpredis.redis.internal;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import reactor.core.publisher.Mono;

/**
 * Credentials Lettuce cannot print. Lettuce's handshake reads an immediate provider's {@link
 * #resolveCredentialsNow()}; the only other reader, {@code RedisURI.toString()} (logged at DEBUG on
 * every connect), resolves {@link #resolveCredentials()} and prints one {@code *} per password
 * character: here it gets the fixed mask. Should a later Lettuce authenticate through {@link
 * #resolveCredentials()}, the server refuses the mask (a failure the server tests show), the
 * password still unprinted.
 */
final class UnprintableCredentials
    implements RedisCredentialsProvider.ImmediateRedisCredentialsProvider {
  private final RedisCredentials credentials;
  private final RedisCredentials masked;

  UnprintableCredentials(String username, String password) {
    this.credentials = RedisCredentials.just(username, password);
    this.masked = RedisCredentials.just(username, Secrets.MASK);
  }

  @Override
  public RedisCredentials resolveCredentialsNow() {
    return credentials;
  }

  @Override
  public Mono<RedisCredentials> resolveCredentials() {
    return Mono.just(masked);
  }

  @Override
  public String toString() {
    return "UnprintableCredentials[username="
        + credentials.getUsername()
        + ", password="
        + Secrets.MASK
        + "]";
  }
}
