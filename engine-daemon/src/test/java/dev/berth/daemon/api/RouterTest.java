package dev.berth.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.daemon.http.HttpHandler;
import dev.berth.daemon.http.UnixHttpServer;
import dev.berth.runtime.ConflictException;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.NotFoundException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterTest {
    @TempDir
    Path dir;

    private UnixHttpServer server;
    private final List<String> captured = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        Router router = new Router(p -> { })
                .on("GET", "/images/{*}/json", c -> {
                    captured.add(c.path(0) + "@" + c.apiVersion());
                    c.json(200, dev.berth.daemon.backing.Json.object());
                })
                .on("POST", "/containers/{}/start", c -> {
                    throw new NotFoundException("start container", c.path(0), "No such container: " + c.path(0));
                })
                .on("POST", "/containers/{}/stop", c -> {
                    throw new InvalidStateException("stop", c.path(0), "not running");
                })
                .on("DELETE", "/volumes/{}", c -> {
                    throw new ConflictException("remove volume", c.path(0), "volume is in use");
                })
                .on("GET", "/bad", c -> {
                    throw new IllegalArgumentException("tail: 'x' is not a number");
                });
        server = new UnixHttpServer(dir.resolve("api.sock"), (HttpHandler) router, "test", p -> { });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String request(String method, String path) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("api.sock")))) {
            c.write(java.nio.ByteBuffer.wrap((method + " " + path + " HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
            return new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void routesWithAndWithoutVersionPrefixAndCapturesReferencesWithSlashes() throws IOException {
        assertTrue(request("GET", "/v1.41/images/library/busybox:1.36/json").startsWith("HTTP/1.1 200 "));
        assertTrue(request("GET", "/images/busybox/json").startsWith("HTTP/1.1 200 "));
        assertEquals(List.of("library/busybox:1.36@1.41", "busybox@" + ApiVersions.CURRENT), captured);
    }

    @Test
    void tooNewVersionsAreRefused() throws IOException {
        String r = request("GET", "/v9.99/images/x/json");
        assertTrue(r.startsWith("HTTP/1.1 400 "), r);
        assertTrue(r.contains("Maximum supported API version is " + ApiVersions.CURRENT), r);
    }

    @Test
    void failuresBecomeDockerdStatusCodesWithAMessage() throws IOException {
        String notFound = request("POST", "/v1.43/containers/abc/start");
        assertTrue(notFound.startsWith("HTTP/1.1 404 "), notFound);
        assertTrue(notFound.endsWith("{\"message\":\"start container abc: No such container: abc\"}"), notFound);
        assertTrue(request("POST", "/containers/abc/stop").startsWith("HTTP/1.1 409 "));
        assertTrue(request("DELETE", "/volumes/v").startsWith("HTTP/1.1 409 "));
        assertTrue(request("GET", "/bad").startsWith("HTTP/1.1 400 "));
        assertTrue(request("GET", "/no/such/endpoint").startsWith("HTTP/1.1 404 "));
        assertTrue(request("DELETE", "/images/x/json").startsWith("HTTP/1.1 405 "));
    }
}
