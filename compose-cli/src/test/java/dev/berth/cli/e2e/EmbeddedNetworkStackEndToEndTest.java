package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A two-service stack on the embedded engine, driven by the berth command in separate processes: {@code app}
 * fetches {@code http://web:8080/} by service name over the project's default network, {@code web} publishes
 * its port on 127.0.0.1, {@code ps} and {@code port} show it, and {@code down} leaves no namespace, network state
 * or published port behind. Traffic goes only to 127.0.0.1 and into the stack's own namespaces. The first command
 * starts the {@code berth engine} daemon, which holds the stack's DNS servers and port proxies (so they outlive a
 * detached {@code up}); the teardown stops it with {@code berth engine stop}.
 */
class EmbeddedNetworkStackEndToEndTest {
    private Path root;
    private Path runDir;
    private Path project;
    private Process up;
    private Path upOut;
    private int port;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        ContainerHost.assumeContainersCanRun();
        root = Files.createTempDirectory("berth-e2e-net-root");
        runDir = Files.createTempDirectory("berth-e2e-net-run");
        project = Files.createTempDirectory("berth-e2e-net-project");
        BusyboxImage.build(ImageStore.open(root.resolve("images")), "e2e/busybox:latest",
                Files.createTempDirectory(root, "image-work"));
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.writeString(project.resolve("compose.yaml"), """
                name: net%s
                services:
                  web:
                    image: e2e/busybox:latest
                    command: ["sh", "-c", "mkdir -p /www && echo hello-from-web > /www/index.html && exec busybox httpd -f -p 8080 -h /www"]
                    ports: ["127.0.0.1:%d:8080"]
                  app:
                    image: e2e/busybox:latest
                    command: ["sh", "-c", "for i in $$(seq 1 50); do timeout 5 busybox wget -q -O - http://web:8080/ && exit 0; sleep 0.2; done; exit 1"]
                    depends_on: [web]
                """.formatted(UUID.randomUUID().toString().substring(0, 8), port));
        upOut = Files.createTempFile("berth-e2e-net", ".up");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (root == null) {
            return;
        }
        berth("down");
        if (up != null && up.isAlive() && !up.waitFor(30, TimeUnit.SECONDS)) {
            up.destroyForcibly();
        }
        Files.deleteIfExists(upOut);
        Optional<Long> enginePid = readPid(runDir.resolve("engine.pid"));
        Run stop = berth("engine", "stop");
        assertEquals(0, stop.code(), stop.err());
        enginePid.ifPresent(pid -> assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "the engine (pid " + pid + ") is gone after berth engine stop"));
        for (Path dir : List.of(project, runDir, root)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void appReachesWebByServiceNameAndWebsPublishedPortServesLoopback() throws Exception {
        up = command("up").redirectErrorStream(true).redirectOutput(upOut.toFile()).start();
        awaitOutput("hello-from-web", 90);

        assertTrue(httpGet(port).contains("hello-from-web"), "the published port serves 127.0.0.1");
        Run ps = berth("ps");
        assertEquals(0, ps.code(), ps.err());
        assertTrue(ps.out().contains("127.0.0.1:" + port + "->8080/tcp"), ps.out());
        Run portCommand = berth("port", "web", "8080");
        assertEquals("127.0.0.1:" + port, portCommand.out().trim(), portCommand.err());
        List<String> ids = berth("ps", "-a", "-q").out().lines().toList();
        assertEquals(2, ids.size(), ids.toString());

        Run down = berth("down");
        assertEquals(0, down.code(), down.err());
        assertTrue(up.waitFor(60, TimeUnit.SECONDS), "up ends once its containers are gone");
        for (String id : ids) {
            assertFalse(Files.exists(Path.of("/run/netns/berth-" + id.substring(0, 32))), "namespace of " + id);
        }
        assertEquals(List.of(), stateFiles("net/networks"), "network state left behind");
        assertEquals(List.of(), stateFiles("net/ports"), "published-port state left behind");
        assertFalse(reachable(port), "nothing serves the published port any more");
    }

    @Test
    void afterADetachedUpTheEngineKeepsServingNamesAndThePublishedPort() throws Exception {
        Run upDetached = berth("up", "-d");
        assertEquals(0, upDetached.code(), upDetached.err());
        assertTrue(upDetached.err().contains("started berth engine (pid "), "the first command starts the engine: "
                + upDetached.err());
        String page = awaitHttp(port, 60);
        assertTrue(page.contains("hello-from-web"), "the published port serves 127.0.0.1 after the CLI exited: "
                + page);
        Run ps = awaitAppExit(60);
        assertTrue(ps.out().matches("(?s).*-app-1 .*exited \\(0\\).*"),
                "app reached web by its service name through the engine's DNS: " + ps.out());
        assertTrue(ps.out().contains("127.0.0.1:" + port + "->8080/tcp"), ps.out());
        List<String> ids = berth("ps", "-a", "-q").out().lines().toList();

        Run down = berth("down");
        assertEquals(0, down.code(), down.err());
        for (String id : ids) {
            assertFalse(Files.exists(Path.of("/run/netns/berth-" + id.substring(0, 32))), "namespace of " + id);
        }
        assertEquals(List.of(), stateFiles("net/networks"), "network state left behind");
        assertEquals(List.of(), stateFiles("net/ports"), "published-port state left behind");
        assertFalse(reachable(port), "nothing serves the published port any more");
    }

    /** The published port's answer, polled until it serves or {@code seconds} pass. */
    private static String awaitHttp(int port, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                String page = httpGet(port);
                if (page.contains("hello-from-web")) {
                    return page;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("127.0.0.1:" + port + " did not serve in " + seconds + " s", last);
    }

    /** {@code ps -a} once the app service's container has exited, or an error after {@code seconds}. */
    private Run awaitAppExit(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Run ps = berth("ps", "-a");
        while (!ps.out().matches("(?s).*-app-1 .*exited.*") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            ps = berth("ps", "-a");
        }
        return ps;
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private List<Path> stateFiles(String dir) throws IOException {
        Path path = root.resolve(dir);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.toList();
        }
    }

    private void awaitOutput(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String out = Files.readString(upOut, StandardCharsets.UTF_8);
            if (out.contains(text)) {
                return;
            }
            if (!up.isAlive()) {
                throw new AssertionError("berth up ended (" + up.exitValue() + ") before printing " + text + ":\n" + out);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + text + " in " + seconds + " s:\n" + Files.readString(upOut));
    }

    private static String httpGet(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main", "--progress", "plain"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().put("BERTH_ROOT", root.toString());
        pb.environment().put("BERTH_RUN_DIR", runDir.toString());
        pb.environment().put("BERTH_RUNTIME", "embedded");
        return pb;
    }

    /** Runs {@code berth} in its own JVM with the test's class path, in the project directory. */
    private Run berth(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("berth-e2e-net", ".out");
        Path err = Files.createTempFile("berth-e2e-net", ".err");
        Process process = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 120 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
