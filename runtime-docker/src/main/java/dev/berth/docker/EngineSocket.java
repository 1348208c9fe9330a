package dev.berth.docker;

import com.github.dockerjava.core.LocalDirectorySSLConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A plain connection to an engine's endpoint, for the requests docker-java cannot make: a hijacked stream whose
 * write side is half-closed when the client's input ends (docker-java's transport never half-closes, so a process
 * reading its stdin would never see end of file). Unix sockets, TCP, and TCP with TLS when the endpoint verifies
 * (its certificates as docker-java reads them). Reads and writes may happen on different threads at once.
 */
abstract class EngineSocket implements AutoCloseable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  abstract InputStream input();

  abstract OutputStream output();

  /** Half-closes the connection: the engine sees end of input, the output keeps coming. */
  abstract void shutdownOutput() throws IOException;

  /** What a request's {@code Host} header says. */
  abstract String hostHeader();

  @Override
  public abstract void close();

  /**
   * Connects to {@code endpoint}.
   *
   * @throws IOException when nothing answers there
   * @throws IllegalArgumentException for endpoints other than {@code unix://} and {@code tcp://}
   */
  static EngineSocket connect(DockerEndpoint endpoint) throws IOException {
    URI host = endpoint.host();
    String scheme = String.valueOf(host.getScheme());
    switch (scheme) {
      case "unix":
        return Unix.connect(host.getPath());
      case "tcp":
      case "http":
      case "https":
        boolean tls = endpoint.tlsVerify() && endpoint.certPath().isPresent() || scheme.equals("https");
        return Tcp.connect(host.getHost(), host.getPort() > 0 ? host.getPort() : tls ? 2376 : 2375, tls
            ? endpoint : null);
      default:
        throw new IllegalArgumentException("interactive sessions need a unix:// or tcp:// engine endpoint, not "
            + host);
    }
  }

  /** A unix socket through a channel; its own stream adapters, since {@code Channels} streams block each other. */
  private static final class Unix extends EngineSocket {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private Unix(SocketChannel channel) {
      this.channel = channel;
      this.in = new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          int n = read(one, 0, 1);
          return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (len == 0) {
            return 0;
          }
          return channel.read(ByteBuffer.wrap(b, off, len));
        }
      };
      this.out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        }
      };
    }

    static Unix connect(String path) throws IOException {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(path));
      } catch (IOException e) {
        channel.close();
        throw new IOException("cannot connect to " + path + ": " + e.getMessage(), e);
      }
      return new Unix(channel);
    }

    @Override
    InputStream input() {
      return in;
    }

    @Override
    OutputStream output() {
      return out;
    }

    @Override
    void shutdownOutput() throws IOException {
      channel.shutdownOutput();
    }

    @Override
    String hostHeader() {
      return "docker";
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // closing a socket we are done with
      }
    }
  }

  /** TCP, optionally with TLS. */
  private static final class Tcp extends EngineSocket {
    private final Socket socket;
    private final String hostHeader;
    private final InputStream in;
    private final OutputStream out;

    private Tcp(Socket socket, String hostHeader) throws IOException {
      this.socket = socket;
      this.hostHeader = hostHeader;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    static Tcp connect(String host, int port, DockerEndpoint tls) throws IOException {
      Socket plain = new Socket();
      try {
        plain.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
        plain.setTcpNoDelay(true);
        if (tls == null) {
          return new Tcp(plain, host + ":" + port);
        }
        LocalDirectorySSLConfig config = new LocalDirectorySSLConfig(tls.certPath().orElseThrow().toString());
        SSLSocket secure = (SSLSocket) config.getSSLContext().getSocketFactory()
            .createSocket(plain, host, port, true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        return new Tcp(secure, host + ":" + port);
      } catch (IOException | RuntimeException e) {
        plain.close();
        throw e instanceof IOException io ? io : new IOException("TLS set-up with " + host + ":" + port
            + " failed: " + e.getMessage(), e);
      }
    }

    @Override
    InputStream input() {
      return in;
    }

    @Override
    OutputStream output() {
      return out;
    }

    @Override
    void shutdownOutput() throws IOException {
      socket.shutdownOutput();
    }

    @Override
    String hostHeader() {
      return hostHeader;
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a socket we are done with
      }
    }
  }
}
