package dev.berth.daemon.http;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * An HTTP/1.1 server on a unix domain socket: one thread per connection (connections carry long streams such as
 * followed logs), each served by an {@link HttpConnection}.
 */
public final class UnixHttpServer implements AutoCloseable {
    private final Path socket;
    private final HttpConnection conversation;
    private final Consumer<String> problems;
    private final ConnectionWorkers workers = new ConnectionWorkers("berth-api-");
    private ServerSocketChannel server;
    private Thread acceptor;

    public UnixHttpServer(Path socket, HttpHandler handler, String serverName, Consumer<String> problems) {
        this.socket = socket;
        this.conversation = new HttpConnection(handler, serverName, problems);
        this.problems = problems;
    }

    /** Binds the socket (mode 0660) and starts accepting. */
    public synchronized void start() throws IOException {
        server = SocketFile.bind(socket);
        ServerSocketChannel listening = server;
        acceptor = new Thread(() -> acceptLoop(listening), "berth-api-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Path socket() {
        return socket;
    }

    /** Whether any server answers on {@code socket}. */
    public static boolean answers(Path socket) {
        return SocketFile.answers(socket);
    }

    private void acceptLoop(ServerSocketChannel listening) {
        while (listening.isOpen()) {
            try {
                SocketChannel connection = listening.accept();
                workers.serve(connection, () -> serve(connection));
            } catch (AsynchronousCloseException e) {
                return;
            } catch (IOException e) {
                if (!listening.isOpen()) {
                    return;
                }
                problems.accept("accepting a connection on " + socket + " failed: " + e.getMessage());
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection) {
            conversation.serve(ChannelStreams.input(connection), ChannelStreams.output(connection));
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    /** Stops accepting, closes open connections and removes the socket file. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            problems.accept("closing " + socket + " failed: " + e.getMessage());
        }
        workers.closeAll();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            problems.accept("removing " + socket + " failed: " + e.getMessage());
        }
        server = null;
    }
}
