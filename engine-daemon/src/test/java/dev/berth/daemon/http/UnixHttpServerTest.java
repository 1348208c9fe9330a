package dev.berth.daemon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixHttpServerTest {
    @TempDir
    Path dir;

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private UnixHttpServer server;
    private Path socket;

    /** Echoes the body; /stream answers chunked; /hijack takes over the connection and echoes raw bytes. */
    private void handle(HttpExchange exchange) throws IOException {
        HttpRequest r = exchange.request();
        byte[] body = r.body().readAllBytes();
        switch (r.path()) {
            case "/stream" -> {
                try (OutputStream out = exchange.stream(200, "text/plain")) {
                    out.write("one ".getBytes(StandardCharsets.UTF_8));
                    out.write("two".getBytes(StandardCharsets.UTF_8));
                }
            }
            case "/hijack" -> {
                HttpExchange.Hijacked raw = exchange.hijack("application/vnd.docker.raw-stream");
                byte[] in = raw.in().readNBytes(4);
                raw.out().write(("got " + new String(in, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                raw.out().flush();
            }
            case "/fail" -> throw new IllegalStateException("handler broke");
            default -> exchange.respond(200, Map.of("Content-Type", "text/plain", "X-Query",
                    r.param("q").orElse("")), ("echo:" + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("api.sock");
        server = new UnixHttpServer(socket, this::handle, "test", problems::add);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String exchange(String request) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            c.write(java.nio.ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            c.shutdownOutput();
            return new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSocketIsReadableAndWritableByOwnerAndGroupOnly() throws IOException {
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnectionWithLengthAndChunkedBodies() throws IOException {
        String response = exchange("""
                POST /a?q=x%20y HTTP/1.1\r
                Host: docker\r
                Content-Length: 5\r
                \r
                helloPOST /b HTTP/1.1\r
                Host: docker\r
                Transfer-Encoding: chunked\r
                \r
                3\r
                abc\r
                2\r
                de\r
                0\r
                \r
                """);
        assertTrue(response.contains("X-Query: x y"), response);
        assertTrue(response.contains("echo:hello"), response);
        assertTrue(response.contains("echo:abcde"), response);
        assertEquals(2, response.split("HTTP/1.1 200 OK", -1).length - 1, response);
    }

    @Test
    void aClientExpectingContinueGetsItBeforeItSendsTheBody() throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            c.write(java.nio.ByteBuffer.wrap(("POST /a HTTP/1.1\r\nHost: d\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 3\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            InputStream in = Channels.newInputStream(c);
            String interim = new String(in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length()),
                    StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim);
            c.write(java.nio.ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII)));
            c.shutdownOutput();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200 OK") && response.endsWith("echo:abc"), response);
        }
    }

    @Test
    void streamedAnswersAreChunked() throws IOException {
        String response = exchange("GET /stream HTTP/1.1\r\nHost: d\r\n\r\n");
        assertTrue(response.contains("Transfer-Encoding: chunked"), response);
        assertTrue(response.endsWith("4\r\none \r\n3\r\ntwo\r\n0\r\n\r\n"), response);
    }

    @Test
    void headAnnouncesTheLengthWithoutABody() throws IOException {
        String response = exchange("HEAD /x HTTP/1.1\r\nHost: d\r\n\r\n");
        assertTrue(response.contains("Content-Length: 5"), response);
        assertTrue(response.endsWith("\r\n\r\n"), response);
    }

    @Test
    void upgradeHijacksTheConnection() throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            OutputStream out = Channels.newOutputStream(c);
            out.write("POST /hijack HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nping"
                    .getBytes(StandardCharsets.UTF_8));
            InputStream in = Channels.newInputStream(c);
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 101 UPGRADED\r\n"), response);
            assertTrue(response.contains("Upgrade: tcp"), response);
            assertTrue(response.endsWith("\r\n\r\ngot ping"), response);
        }
    }

    @Test
    void aFailingHandlerIsAnswered500WithAMessage() throws IOException {
        String response = exchange("GET /fail HTTP/1.1\r\nHost: d\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 500 "), response);
        assertTrue(response.contains("{\"message\":\"handler broke\"}"), response);
        assertTrue(problems.stream().anyMatch(p -> p.contains("handler broke")), problems.toString());
    }

    @Test
    void malformedRequestsAreAnswered400() throws IOException {
        assertTrue(exchange("NONSENSE\r\n\r\n").startsWith("HTTP/1.1 400 "));
    }

    @Test
    void aSocketSomebodyAnswersOnIsNotTakenOver() {
        UnixHttpServer second = new UnixHttpServer(socket, this::handle, "test", problems::add);
        IOException e = assertThrows(IOException.class, second::start);
        assertTrue(e.getMessage().contains("already answers"), e.getMessage());
    }

    @Test
    void aStaleSocketFileIsReplaced() throws IOException {
        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale), "closing a unix server leaves its file");
        UnixHttpServer replacement = new UnixHttpServer(stale, this::handle, "test", problems::add);
        replacement.start();
        try {
            assertTrue(UnixHttpServer.answers(stale));
        } finally {
            replacement.close();
        }
        assertFalse(Files.exists(stale), "close removes the socket file");
    }
}
