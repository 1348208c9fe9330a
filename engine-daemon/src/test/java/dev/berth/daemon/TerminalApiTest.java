package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Terminals through the Engine API with a client that has none (raw HTTP on the unix socket, as a program would
 * drive {@code docker exec -it} or {@code docker run -it}): a TTY exec streams raw output on a hijacked connection,
 * takes input, and {@code resize} changes what {@code stty size} sees inside; a TTY container likewise.
 */
class TerminalApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static TestEngine engine;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        engine = TestEngine.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    /** One connection to the daemon: requests written by hand, answers read by hand. */
    private static final class Connection implements AutoCloseable {
        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;

        Connection() throws IOException {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(engine.options().socket()));
            in = new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return channel.read(ByteBuffer.wrap(b, off, len));
                }
            };
            out = new OutputStream() {
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

        /** Sends a request; {@code upgrade} asks to hijack the connection as the docker CLI does. */
        void send(String method, String path, String body, boolean upgrade) throws IOException {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " /v1.43" + path + " HTTP/1.1\r\nHost: docker\r\n"
                    + (upgrade ? "Connection: Upgrade\r\nUpgrade: tcp\r\n" : "Connection: close\r\n")
                    + (body == null ? "" : "Content-Type: application/json\r\n")
                    + "Content-Length: " + content.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
        }

        /** The status line and headers of the answer. */
        String head() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the daemon closed the connection in the answer's head: " + head);
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        /** Reads raw output until it contains {@code expected} (or the stream ends). */
        String readUntil(StringBuilder seen, String expected) throws IOException {
            byte[] buffer = new byte[4096];
            while (!seen.toString().contains(expected)) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    break;
                }
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return seen.toString();
        }

        void type(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** A complete request and its JSON answer (null when it has no body). */
    private static JsonNode call(String method, String path, String body, int expectedStatus) throws IOException {
        try (Connection c = new Connection()) {
            c.send(method, path, body, false);
            String head = c.head();
            assertTrue(head.startsWith("HTTP/1.1 " + expectedStatus + " "), method + " " + path + ": " + head);
            byte[] rest = c.in.readAllBytes();
            String text = head.contains("Transfer-Encoding: chunked") ? dechunk(rest)
                    : new String(rest, StandardCharsets.UTF_8).strip();
            return text.isEmpty() || !head.contains("application/json") ? null : JSON.readTree(text);
        }
    }

    private static String dechunk(byte[] chunked) {
        StringBuilder out = new StringBuilder();
        String text = new String(chunked, StandardCharsets.UTF_8);
        int i = 0;
        while (i < text.length()) {
            int lineEnd = text.indexOf("\r\n", i);
            int size = Integer.parseInt(text.substring(i, lineEnd).strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(text, lineEnd + 2, lineEnd + 2 + size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toString().strip();
    }

    private String runSleeper() throws IOException {
        String id = call("POST", "/containers/create?name=sleeper-" + run, """
                {"Image": "%s", "Cmd": ["sleep", "300"], "HostConfig": {"Init": true}}
                """.formatted(TestEngine.IMAGE.value()), 201).get("Id").asText();
        call("POST", "/containers/" + id + "/start", null, 204);
        return id;
    }

    @Test
    void aTtyExecStreamsRawOutputTakesInputAndResizes() throws Exception {
        String container = runSleeper();
        try {
            String exec = call("POST", "/containers/" + container + "/exec", """
                    {"Cmd": ["sh", "-c", "read a; stty size; read b; stty size; echo \\"got $b\\"; exit 9"],
                     "Tty": true, "AttachStdin": true, "AttachStdout": true, "AttachStderr": true}
                    """, 201).get("Id").asText();
            assertTimeoutPreemptively(LIMIT, () -> {
                try (Connection session = new Connection()) {
                    session.send("POST", "/exec/" + exec + "/start", "{\"Detach\": false, \"Tty\": true}", true);
                    String head = session.head();
                    assertTrue(head.startsWith("HTTP/1.1 101 "), head);
                    assertTrue(head.contains("Content-Type: application/vnd.docker.raw-stream"), head);
                    call("POST", "/exec/" + exec + "/resize?h=40&w=120", null, 200);
                    StringBuilder screen = new StringBuilder();
                    session.type("x\n");
                    session.readUntil(screen, "40 120");
                    call("POST", "/exec/" + exec + "/resize?h=50&w=132", null, 200);
                    session.type("done\n");
                    String all = session.readUntil(screen, "got done");
                    assertTrue(all.contains("40 120\r\n") && all.contains("50 132\r\n"), all);
                    assertFalse(all.startsWith("\u0001\u0000\u0000\u0000"), "a terminal's stream is not framed");
                }
                JsonNode inspect = awaitExecEnd(exec);
                assertEquals(9, inspect.get("ExitCode").asInt());
                assertTrue(inspect.at("/ProcessConfig/tty").asBoolean());
            });
            call("POST", "/exec/nope/resize?h=1&w=1", null, 404);
        } finally {
            call("DELETE", "/containers/" + container + "?force=1", null, 204);
        }
    }

    private static JsonNode awaitExecEnd(String exec) throws Exception {
        JsonNode inspect = call("GET", "/exec/" + exec + "/json", null, 200);
        while (inspect.get("Running").asBoolean()) {
            Thread.sleep(20);
            inspect = call("GET", "/exec/" + exec + "/json", null, 200);
        }
        return inspect;
    }

    @Test
    void aTtyContainerAttachedBeforeItsStartGetsInputAndItsSize() throws Exception {
        String id = call("POST", "/containers/create?name=tty-" + run, """
                {"Image": "%s", "Cmd": ["sh", "-c", "echo ready; read x; stty size; echo \\"got $x\\""],
                 "Tty": true, "OpenStdin": true, "StdinOnce": true}
                """.formatted(TestEngine.IMAGE.value()), 201).get("Id").asText();
        try {
            JsonNode config = call("GET", "/containers/" + id + "/json", null, 200).get("Config");
            assertTrue(config.get("Tty").asBoolean() && config.get("OpenStdin").asBoolean()
                    && config.get("StdinOnce").asBoolean(), config.toString());
            assertTimeoutPreemptively(LIMIT, () -> {
                try (Connection attach = new Connection()) {
                    attach.send("POST", "/containers/" + id + "/attach?stream=1&stdin=1&stdout=1&stderr=1", null,
                            true);
                    String head = attach.head();
                    assertTrue(head.contains("application/vnd.docker.raw-stream"), head);
                    call("POST", "/containers/" + id + "/start", null, 204);
                    StringBuilder screen = new StringBuilder();
                    attach.readUntil(screen, "ready");
                    call("POST", "/containers/" + id + "/resize?h=33&w=77", null, 200);
                    attach.type("hi\n");
                    String all = attach.readUntil(screen, "got hi");
                    assertTrue(all.startsWith("ready\r\n"), "output from the start on: " + all);
                    assertTrue(all.contains("33 77\r\n"), all);
                }
                JsonNode waited = call("POST", "/containers/" + id + "/wait", null, 200);
                assertEquals(0, waited.get("StatusCode").asInt());
            });
            call("POST", "/containers/" + id + "/resize?h=1&w=1", null, 409);
        } finally {
            call("DELETE", "/containers/" + id + "?force=1", null, 204);
        }
    }

    @Test
    void typingTheDetachKeysEndsTheAttachAndLeavesTheContainerRunning() throws Exception {
        String id = call("POST", "/containers/create?name=detach-" + run, """
                {"Image": "%s", "Cmd": ["sh"], "Tty": true, "OpenStdin": true, "StdinOnce": true,
                 "HostConfig": {"ConsoleSize": [33, 77]}}
                """.formatted(TestEngine.IMAGE.value()), 201).get("Id").asText();
        try {
            call("POST", "/containers/" + id + "/start", null, 204);
            call("POST", "/containers/" + id + "/attach?stream=1&stdin=1&stdout=1&detachKeys=nope", null, 400);
            assertTimeoutPreemptively(LIMIT, () -> {
                try (Connection attach = new Connection()) {
                    attach.send("POST", "/containers/" + id + "/attach?stream=1&stdin=1&stdout=1&stderr=1"
                            + "&detachKeys=ctrl-x,x", null, true);
                    attach.head();
                    StringBuilder screen = new StringBuilder();
                    // a partial match followed by another key reaches the shell: ctrl-x then y, then the command
                    attach.type("\u0018y\u0015stty size; echo typed-$((6*7))\r");
                    assertTrue(attach.readUntil(screen, "typed-42").contains("33 77"),
                            "the terminal had its size from the create: " + screen);
                    attach.type("\u0018x");
                    attach.readUntil(screen, "never printed");
                }
            });
            JsonNode state = call("GET", "/containers/" + id + "/json", null, 200).get("State");
            assertTrue(state.get("Running").asBoolean(), "detaching left the shell running: " + state);
            try (Connection again = new Connection()) {
                again.send("POST", "/containers/" + id + "/attach?stream=1&stdin=1&stdout=1&stderr=1", null, true);
                again.head();
                again.type("echo still-$((40+2))\r");
                StringBuilder screen = new StringBuilder();
                assertTimeoutPreemptively(LIMIT, () -> again.readUntil(screen, "still-42"));
                assertTrue(screen.toString().contains("still-42"), screen.toString());
            }
        } finally {
            call("DELETE", "/containers/" + id + "?force=1", null, 204);
        }
    }

    @Test
    void typingAnExecsDetachKeysEndsTheSessionAndLeavesTheProcessRunning() throws Exception {
        String container = runSleeper();
        try {
            call("POST", "/containers/" + container + "/exec", """
                    {"Cmd": ["sh"], "Tty": true, "AttachStdin": true, "DetachKeys": "ctrl-1"}
                    """, 400);
            String exec = call("POST", "/containers/" + container + "/exec", """
                    {"Cmd": ["sh"], "Tty": true, "AttachStdin": true, "AttachStdout": true, "DetachKeys": "ctrl-a"}
                    """, 201).get("Id").asText();
            assertEquals("ctrl-a", call("GET", "/exec/" + exec + "/json", null, 200).get("DetachKeys").asText());
            assertTimeoutPreemptively(LIMIT, () -> {
                try (Connection session = new Connection()) {
                    session.send("POST", "/exec/" + exec + "/start", "{\"Detach\": false, \"Tty\": true}", true);
                    session.head();
                    StringBuilder screen = new StringBuilder();
                    session.type("echo exec-$((6*7))\r");
                    session.readUntil(screen, "exec-42");
                    session.type("\u0001");
                    session.readUntil(screen, "never printed");
                }
            });
            assertTrue(call("GET", "/exec/" + exec + "/json", null, 200).get("Running").asBoolean(),
                    "the shell runs on after the client detached");
        } finally {
            call("DELETE", "/containers/" + container + "?force=1", null, 204);
        }
    }
}
