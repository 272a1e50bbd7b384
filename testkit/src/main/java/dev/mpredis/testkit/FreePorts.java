package dev.mpredis.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Finds free TCP ports on this machine for the kit's servers, sentinels and cluster nodes. */
final class FreePorts {

  private static final int BUS_PORT_OFFSET = 10000;

  private FreePorts() {}

  /** A port the kernel just handed out; another process may still take it before redis binds. */
  static int any() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free port", e);
    }
  }

  /** A free port whose cluster bus port (port + 10000) is free as well. */
  static int withBus() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = any();
      if (port + BUS_PORT_OFFSET <= 65535 && isFree(port + BUS_PORT_OFFSET)) {
        return port;
      }
    }
    throw new IllegalStateException("found no free port p with p+10000 free in 100 attempts");
  }

  /**
   * {@code count} different free ports, found all at once: sentinels must know each other's ports
   * before any of them starts.
   */
  static int[] distinct(int count) {
    Set<Integer> ports = new HashSet<>();
    while (ports.size() < count) {
      ports.add(any());
    }
    return ports.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
