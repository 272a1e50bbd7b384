package dev.mpredis.bench;

/** Where the benchmark server listens: always a plain server on the loopback, no password. */
public record Endpoint(String host, int port) {

  /** {@code redis://host:port}. */
  public String uri() {
    return "redis://" + host + ":" + port;
  }
}
