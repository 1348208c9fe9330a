package dev.berth.daemon.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An HTTP/1.1 server on a unix domain socket: one thread per connection (connections carry long streams such as
 * followed logs), keep-alive, chunked bodies both ways, and hijacking for attach/exec. Handler failures that
 * escape are answered with 500 when nothing was sent yet, and reported to {@code problems}.
 */
public final class UnixHttpServer implements AutoCloseable {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private final Path socket;
    private final HttpHandler handler;
    private final String serverName;
    private final Consumer<String> problems;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "berth-api-" + connectionCount.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private ServerSocketChannel server;
    private Thread acceptor;

    public UnixHttpServer(Path socket, HttpHandler handler, String serverName, Consumer<String> problems) {
        this.socket = socket;
        this.handler = handler;
        this.serverName = serverName;
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
                connections.add(connection);
                workers.execute(() -> serve(connection));
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
            InputStream in = new BufferedInputStream(ChannelStreams.input(connection), 16 * 1024);
            OutputStream out = new BufferedOutputStream(ChannelStreams.output(connection), 16 * 1024);
            while (true) {
                Optional<HttpRequest> next;
                try {
                    next = HeadReader.read(in);
                } catch (HeadReader.BadRequestException e) {
                    byte[] body = ("{\"message\":\"" + e.getMessage().replace("\"", "'") + "\"}\n")
                            .getBytes(StandardCharsets.UTF_8);
                    new HttpExchange(new HttpRequest("GET", "/", Map.of(), Map.of(), InputStream.nullInputStream()),
                            in, out, serverName).respond(400, Map.of("Content-Type", "application/json",
                            "Connection", "close"), body);
                    return;
                }
                if (next.isEmpty()) {
                    return;
                }
                HttpRequest request = next.get();
                if (request.expectsContinue()) {
                    out.write(CONTINUE);
                    out.flush();
                }
                HttpExchange exchange = new HttpExchange(request, in, out, serverName);
                handle(exchange);
                if (exchange.hijacked()) {
                    return;
                }
                exchange.finish();
                out.flush();
                if (!request.keepAlive()) {
                    return;
                }
                request.body().transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        } finally {
            connections.remove(connection);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            handler.handle(exchange);
            if (!exchange.answered()) {
                throw new IllegalStateException("no response to " + exchange.request().method() + " "
                        + exchange.request().path());
            }
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            problems.accept("handling " + exchange.request().method() + " " + exchange.request().path() + " failed: "
                    + trace);
            if (!exchange.answered()) {
                String message = String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "\\\"");
                exchange.respond(500, "application/json",
                        ("{\"message\":\"" + message + "\"}\n").getBytes(StandardCharsets.UTF_8));
            } else {
                throw new IOException("response broken off", e);
            }
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
        for (SocketChannel c : connections) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        workers.shutdownNow();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            problems.accept("removing " + socket + " failed: " + e.getMessage());
        }
        server = null;
    }
}
