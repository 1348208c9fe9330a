package dev.berth.daemon.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The same HTTP/1.1 service over TCP, only with TLS and only for clients that present a certificate the server's
 * trust store accepts (dockerd's {@code --tlsverify}): TLS 1.2 and 1.3, client authentication required, one thread
 * per connection. A client without a valid certificate fails the handshake and is never read from.
 */
public final class TlsHttpServer implements AutoCloseable {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final InetSocketAddress address;
    private final SSLContext context;
    private final HttpConnection conversation;
    private final Consumer<String> problems;
    private final ConnectionWorkers workers = new ConnectionWorkers("berth-api-tls-");
    private SSLServerSocket server;

    public TlsHttpServer(InetSocketAddress address, SSLContext context, HttpHandler handler, String serverName,
                         Consumer<String> problems) {
        this.address = address;
        this.context = context;
        this.conversation = new HttpConnection(handler, serverName, problems);
        this.problems = problems;
    }

    /** Binds the address and starts accepting. */
    public synchronized void start() throws IOException {
        SSLServerSocket listening = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        try {
            listening.setReuseAddress(true);
            listening.setEnabledProtocols(PROTOCOLS);
            listening.setNeedClientAuth(true);
            listening.bind(address, 128);
        } catch (IOException | RuntimeException e) {
            listening.close();
            throw new IOException("cannot listen on tcp://" + hostAndPort(address) + ": " + e.getMessage(), e);
        }
        server = listening;
        Thread acceptor = new Thread(() -> acceptLoop(listening), "berth-api-tls-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where it listens: the bound port when it was asked for port 0. */
    public synchronized InetSocketAddress address() {
        return server == null ? address : (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop(SSLServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket connection = listening.accept();
                workers.serve(connection, () -> serve((SSLSocket) connection));
            } catch (IOException e) {
                if (listening.isClosed()) {
                    return;
                }
                problems.accept("accepting a connection on tcp://" + hostAndPort(address) + " failed: "
                        + e.getMessage());
            }
        }
    }

    private void serve(SSLSocket connection) {
        try (connection) {
            connection.startHandshake();
            conversation.serve(connection.getInputStream(), halfClosingOutput(connection));
            if (!connection.isOutputShutdown()) {
                connection.shutdownOutput();
            }
        } catch (SSLException e) {
            problems.accept("TLS connection from " + connection.getRemoteSocketAddress() + " refused: "
                    + e.getMessage());
        } catch (SocketException e) {
            // the client went away or the server is closing
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    /**
     * The connection's output, whose {@code close} (a hijacked stream's end) sends close_notify alone: closing the
     * socket while the client's side is still open would send TLS 1.3's user_canceled alert first, which Go clients
     * such as the docker CLI report as an error after a complete attach. The socket itself closes after the
     * conversation.
     */
    private static OutputStream halfClosingOutput(SSLSocket connection) throws IOException {
        OutputStream out = connection.getOutputStream();
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
                if (!connection.isOutputShutdown()) {
                    connection.shutdownOutput();
                }
            }
        };
    }

    /** Stops accepting and closes open connections. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            problems.accept("closing tcp://" + hostAndPort(address) + " failed: " + e.getMessage());
        }
        workers.closeAll();
        server = null;
    }

    /** Where it listens, as a Docker host: {@code tcp://HOST:PORT}, an IPv6 host in brackets. */
    public String url() {
        return "tcp://" + hostAndPort(address());
    }

    private static String hostAndPort(InetSocketAddress a) {
        String host = a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
