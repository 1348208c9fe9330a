package dev.berth.embedded.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code docker-registry} (the CNCF distribution registry) on 127.0.0.1 and a free port, with its own
 * config and storage under a temp dir; optionally htpasswd auth over TLS, or token auth. Stopped by its pid.
 */
public final class LocalRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private final Process process;
    private final int port;
    private final Path dir;

    private LocalRegistry(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "docker-registry is not installed (apt-get install docker-registry)");
    }

    /** An anonymous registry over plain http. */
    public static LocalRegistry anonymous(Path dir) throws IOException {
        return start(dir, List.of());
    }

    /** htpasswd basic auth over TLS with the given certificate and key. */
    public static LocalRegistry basicAuthTls(Path dir, Path htpasswd, Path certificate, Path key) throws IOException {
        return start(dir, List.of(
                "  tls:", "    certificate: " + certificate, "    key: " + key,
                "auth:", "  htpasswd:", "    realm: berth-test", "    path: " + htpasswd));
    }

    /** Token auth: tokens issued by {@code issuer} at {@code realm}, signed by the key of {@code rootCert}. */
    static LocalRegistry tokenAuth(Path dir, String realm, String service, String issuer, Path rootCert)
            throws IOException {
        return start(dir, List.of("auth:", "  token:", "    realm: " + realm, "    service: " + service,
                "    issuer: " + issuer, "    rootcertbundle: " + rootCert));
    }

    private static LocalRegistry start(Path dir, List<String> extra) throws IOException {
        assumeInstalled();
        int port = freePort();
        Path storage = Files.createDirectories(dir.resolve("storage"));
        List<String> config = new ArrayList<>(List.of("version: 0.1", "log:", "  level: warn",
                "  accesslog:", "    disabled: true", "storage:",
                "  filesystem:", "    rootdirectory: " + storage, "  delete:", "    enabled: true",
                "http:", "  addr: 127.0.0.1:" + port));
        config.addAll(extra);
        Path file = dir.resolve("config.yml");
        Files.write(file, config);
        Process process = new ProcessBuilder(BINARY.toString(), "serve", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, port, dir);
        registry.awaitListening();
        return registry;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("registry.log"));
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        close();
        throw new IOException("docker-registry did not listen on " + address() + " within 20 s: " + log());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
