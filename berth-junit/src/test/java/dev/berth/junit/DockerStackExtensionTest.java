package dev.berth.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.api.BerthStack;
import dev.berth.api.RunningStack;
import dev.berth.api.wait.WaitStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension on a Docker Engine: the web server's port is published on 127.0.0.1 and reached through the stack
 * handle's port lookup, after waiting for the database's healthcheck, a log line and an HTTP answer; exec runs in
 * the database; nothing of this JVM is left afterwards ({@link DockerEngineHost}).
 */
class DockerStackExtensionTest {
    private static final int HTTP_PORT = freePort();

    @RegisterExtension
    @Order(1)
    static final DockerEngineHost HOST = new DockerEngineHost();

    @RegisterExtension
    @Order(2)
    static final BerthExtension STACK = BerthExtension.of(BerthStack
            .fromFile(Path.of("src/test/resources/web-and-db-published.yaml"))
            .env("HTTP_PORT", Integer.toString(HTTP_PORT))
            .runtime(HOST::open)
            .waitFor("db", WaitStrategy.healthy())
            .waitFor("web", WaitStrategy.allOf(WaitStrategy.logMessage("web listening"),
                    WaitStrategy.port(8080), WaitStrategy.http("/index.html").forPort(8080))));

    @Test
    void theWebServerAnswersOnItsPublishedPort(RunningStack stack) throws Exception {
        assertEquals(HTTP_PORT, stack.service("web").port(8080));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + stack.service("web").address(8080) + "/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("hello from berth\n", response.body());
    }

    @Test
    void execRunsInTheHealthyDatabase(RunningStack stack) {
        assertEquals("42\n", stack.service("db").exec("cat", "/tmp/answer").stdout());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
