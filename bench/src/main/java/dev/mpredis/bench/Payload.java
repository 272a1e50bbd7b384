package dev.mpredis.bench;

import java.util.List;

/**
 * The value of docs/benchmarks.md: one JSON object of about 200 bytes when serialized. Every client
 * writes it as JSON text (serialized with Jackson on write) and parses it back on read.
 *
 * <p>Immutable and thread-safe.
 */
public record Payload(
    long id,
    String name,
    String email,
    List<String> tags,
    boolean active,
    double score,
    Address address,
    String bio) {

  /** The nested object of the payload. */
  public record Address(String city, String zip) {}

  private static final List<String> TAGS = List.of("math", "engines", "poetry");
  private static final Address ADDRESS = new Address("London", "W1");

  /** The payload stored under key number {@code i}: same shape, its own id. */
  public static Payload sample(int i) {
    return new Payload(
        i,
        "Ada Lovelace",
        "ada@example.com",
        TAGS,
        true,
        99.5,
        ADDRESS,
        "Analyst and poet of science, #" + i);
  }
}
