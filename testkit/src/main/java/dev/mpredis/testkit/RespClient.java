package dev.mpredis.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately tiny RESP2 client for administering test servers: one blocking socket, one command
 * at a time. It lets the kit (and tests) talk to a server without any client library, so what a
 * test checks never depends on the library under test.
 *
 * <p>Replies map to Java as: simple string and bulk string to {@link String} (UTF-8), integer to
 * {@link Long}, null bulk or null array to {@code null}, array to {@link List}. An error reply
 * throws {@link RespErrorException}.
 *
 * <p>It speaks plain TCP, TLS ({@link #connectTls}) or a unix domain socket ({@link #connect(Path,
 * Duration)}). Not thread-safe; close it when done.
 */
public final class RespClient implements AutoCloseable {

  private final Closeable connection;
  private final InputStream in;
  private final OutputStream out;

  private RespClient(Closeable connection, InputStream in, OutputStream out) {
    this.connection = connection;
    this.in = new BufferedInputStream(in);
    this.out = out;
  }

  /**
   * Connects to {@code host:port}; every read waits at most {@code timeout}.
   *
   * @throws IOException if the connection cannot be made within the timeout
   */
  public static RespClient connect(String host, int port, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      return new RespClient(socket, socket.getInputStream(), socket.getOutputStream());
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Connects to {@code host:port} over TLS with {@code context} (which decides what is trusted and
   * which client certificate is presented); the server's host name is not checked. Every read, the
   * handshake included, waits at most {@code timeout}.
   *
   * @throws IOException if the connection or the TLS handshake fails or times out
   */
  public static RespClient connectTls(String host, int port, SSLContext context, Duration timeout)
      throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      plain.setSoTimeout((int) timeout.toMillis());
      SSLSocket socket =
          (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
      socket.startHandshake();
      return new RespClient(socket, socket.getInputStream(), socket.getOutputStream());
    } catch (IOException e) {
      plain.close();
      throw e;
    }
  }

  /**
   * Connects to the unix domain socket at {@code socket}; every read waits at most {@code timeout}.
   *
   * @throws IOException if nothing listens on the socket
   */
  public static RespClient connect(Path socket, Duration timeout) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
      UnixChannelStreams streams = new UnixChannelStreams(channel, timeout);
      return new RespClient(streams, streams.input(), streams.output());
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Sends one command (each argument a bulk string, so no argument can ever be read as two) and
   * returns its reply.
   *
   * @throws RespErrorException if the server answers with an error reply
   * @throws IOException if the connection fails or the read times out
   */
  public Object command(String... args) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      buffer.writeBytes(bytes);
      buffer.writeBytes(new byte[] {'\r', '\n'});
    }
    out.write(buffer.toByteArray());
    out.flush();
    return readReply();
  }

  private Object readReply() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("server closed the connection");
    }
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new RespErrorException(line);
      case ':':
        return Long.parseLong(line);
      case '$':
        {
          int length = Integer.parseInt(line);
          if (length < 0) {
            return null;
          }
          byte[] data = in.readNBytes(length);
          if (data.length < length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("truncated bulk reply");
          }
          return new String(data, StandardCharsets.UTF_8);
        }
      case '*':
        {
          int count = Integer.parseInt(line);
          if (count < 0) {
            return null;
          }
          List<Object> items = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            try {
              items.add(readReply());
            } catch (RespErrorException e) {
              items.add(e);
            }
          }
          return items;
        }
      default:
        throw new IOException("unexpected RESP type byte '" + (char) type + "'");
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("server closed the connection mid-reply");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
