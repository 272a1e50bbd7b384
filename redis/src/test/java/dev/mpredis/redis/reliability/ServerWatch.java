package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.ErrorCode;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.MachineError;
import dev.mpredis.testkit.RespClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Watches a server through the test kit's own RESP client (never the library under test): what keys
 * it holds, and whether a data command reached it.
 */
final class ServerWatch implements AutoCloseable {

  /** Commands that read or change cache data: none may reach the server for refused input. */
  private static final List<String> DATA_COMMANDS =
      List.of("set", "mset", "get", "mget", "del", "unlink", "flushdb", "flushall", "scan");

  private final RespClient admin;

  private ServerWatch(RespClient admin) {
    this.admin = admin;
  }

  static ServerWatch connect(String host, int port) {
    try {
      return new ServerWatch(RespClient.connect(host, port, Duration.ofSeconds(5)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One command on the watch's own connection. */
  Object command(String... args) {
    try {
      return admin.command(args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every key with its string value (or its type when it is not a string), sorted. */
  Map<String, String> keys() {
    Map<String, String> keys = new TreeMap<>();
    for (Object key : (List<?>) command("KEYS", "*")) {
      String name = (String) key;
      String type = (String) command("TYPE", name);
      keys.put(name, type.equals("string") ? (String) command("GET", name) : "<" + type + ">");
    }
    return keys;
  }

  /**
   * Runs {@code action}, then asserts that no data command reached the server and that every key is
   * as it was; returns what the action returned.
   */
  <T> T unchanged(Supplier<T> action) {
    Map<String, String> before = keys();
    command("CONFIG", "RESETSTAT");
    T result = action.get();
    String stats = (String) command("INFO", "commandstats");
    for (String data : DATA_COMMANDS) {
      assertThat(stats).as("a refused call sends nothing").doesNotContain("cmdstat_" + data + ":");
    }
    assertThat(keys()).as("keys after the refused call").isEqualTo(before);
    return result;
  }

  /**
   * Asserts the exit's name, its code, and that its message names {@code input} (quoted, as every
   * input error does) and mentions every one of {@code details}.
   */
  static MachineError assertRefused(
      Exit<?> exit, String exitName, ErrorCode code, String input, String... details) {
    assertThat(exit.exitName()).as("exit of %s", exit).isEqualTo(exitName);
    MachineError error = ((Exit.Failed) exit).error();
    assertThat(error.code()).as("code of %s", error).isEqualTo(code);
    assertThat(error.message()).contains(input);
    for (String detail : details) {
      assertThat(error.message()).contains(detail);
    }
    return error;
  }

  @Override
  public void close() throws IOException {
    admin.close();
  }
}
