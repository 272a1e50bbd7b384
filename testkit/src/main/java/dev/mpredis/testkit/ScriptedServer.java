package dev.mpredis.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake server on a free port of 127.0.0.1 that speaks scripted bytes instead of Redis: a peer
 * that accepts and never answers (a hung handshake), or one that answers whatever it is sent with
 * fixed bytes (an HTTP server, garbage, a malformed reply) and then closes the connection or keeps
 * it open.
 *
 * <pre>{@code
 * try (ScriptedServer http = ScriptedServer.replying("HTTP/1.1 400 Bad Request\r\n\r\n", true)) {
 *   connect to "redis://127.0.0.1:" + http.port();   // the client meets a peer that is not Redis
 * }
 * }</pre>
 *
 * <p>Each connection is served by a daemon thread of its own. Thread-safe; {@link #close()} closes
 * the listener and every connection.
 */
public final class ScriptedServer implements AutoCloseable {

  private final LoopbackListener listener;
  private final byte[] reply;
  private final boolean closeAfterReply;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger closedByClient = new AtomicInteger();

  private ScriptedServer(byte[] reply, boolean closeAfterReply) {
    this.reply = reply;
    this.closeAfterReply = closeAfterReply;
    this.listener = LoopbackListener.open("scripted", this::serveOnItsOwn); // last: accepts now
  }

  /** A server that accepts connections, reads what clients send and never answers. */
  public static ScriptedServer silent() {
    return start(null, false);
  }

  /**
   * A server that answers the first bytes a client sends with {@code reply} (ASCII/UTF-8 text),
   * then closes the connection if {@code closeAfterReply}, or otherwise reads on and stays silent.
   */
  public static ScriptedServer replying(String reply, boolean closeAfterReply) {
    return replying(reply.getBytes(StandardCharsets.UTF_8), closeAfterReply);
  }

  /** Like {@link #replying(String, boolean)}, with raw bytes. */
  public static ScriptedServer replying(byte[] reply, boolean closeAfterReply) {
    if (reply.length == 0) {
      throw new IllegalArgumentException("reply was empty, must have at least one byte");
    }
    return start(Arrays.copyOf(reply, reply.length), closeAfterReply);
  }

  private static ScriptedServer start(byte[] reply, boolean closeAfterReply) {
    return new ScriptedServer(reply, closeAfterReply);
  }

  /** The port clients connect to. */
  public int port() {
    return listener.port();
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String uri() {
    return listener.uri();
  }

  /** How many connections were accepted so far. */
  public int acceptedConnections() {
    return listener.accepted();
  }

  /** How many connections are open now. */
  public int openConnections() {
    return open.size();
  }

  /** How many connections the client closed (end of stream or reset seen by the server). */
  public int connectionsClosedByClient() {
    return closedByClient.get();
  }

  private void serveOnItsOwn(Socket socket) {
    open.add(socket);
    LoopbackListener.daemon(
            "mp-redis-scripted-" + port() + "-" + socket.getPort(), () -> serve(socket))
        .start();
  }

  private void serve(Socket socket) {
    byte[] buffer = new byte[4096];
    boolean replied = false;
    try (InputStream in = socket.getInputStream()) {
      while (true) {
        int n = in.read(buffer);
        if (n < 0) {
          closedByClient.incrementAndGet();
          return;
        }
        if (reply != null && !replied) {
          replied = true;
          socket.getOutputStream().write(reply);
          socket.getOutputStream().flush();
          if (closeAfterReply) {
            return;
          }
        }
      }
    } catch (IOException e) {
      if (!listener.isClosed()) {
        closedByClient.incrementAndGet(); // reset by the client
      }
    } finally {
      open.remove(socket);
      LoopbackListener.closeQuietly(socket);
    }
  }

  /** Closes the listener and every connection. Calling it again does nothing. */
  @Override
  public void close() {
    listener.close();
    for (Socket socket : open) {
      LoopbackListener.closeQuietly(socket);
    }
    open.clear();
  }

  @Override
  public String toString() {
    return "ScriptedServer[127.0.0.1:"
        + port()
        + (reply == null ? ", silent" : ", " + reply.length + " bytes")
        + "]";
  }
}
