package dev.mpredis.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Blocking streams with a read timeout over a unix domain {@link SocketChannel}: such channels have
 * no {@code Socket} adapter, hence no {@code SO_TIMEOUT}, so reads wait on a selector instead.
 */
final class UnixChannelStreams implements Closeable {

  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private final Duration timeout;

  UnixChannelStreams(SocketChannel channel, Duration timeout) throws IOException {
    this.channel = channel;
    this.timeout = timeout;
    this.selector = Selector.open();
    channel.configureBlocking(false);
    this.key = channel.register(selector, 0);
  }

  InputStream input() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
          return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
          int read = channel.read(buffer);
          if (read != 0) {
            return read;
          }
          await(SelectionKey.OP_READ, deadline, "read");
        }
      }
    };
  }

  OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffer.hasRemaining()) {
          if (channel.write(buffer) == 0) {
            await(SelectionKey.OP_WRITE, deadline, "write");
          }
        }
      }
    };
  }

  private void await(int operation, long deadline, String what) throws IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException(
          what + " on unix socket timed out after " + timeout.toMillis() + " ms");
    }
    key.interestOps(operation);
    selector.select(Math.max(1, left / 1_000_000));
    selector.selectedKeys().clear();
  }

  @Override
  public void close() throws IOException {
    try {
      selector.close();
    } finally {
      channel.close();
    }
  }
}
