package dev.berth.daemon;

import dev.berth.docker.DockerEndpoint;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.embedded.util.Files2;
import dev.berth.runtime.ImageRef;
import java.io.IOException;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A daemon for tests: temporary root and run directories, the busybox test image in its store, a socket in the
 * run directory. {@link #close} stops it, removes what containers left mounted and deletes the directories.
 */
final class TestEngine implements AutoCloseable {
    static final ImageRef IMAGE = ImageRef.of("berth-daemon-test/busybox:test");

    private final Path temp;
    private EngineDaemon daemon;

    /** The daemon's own log goes to the test output, where a failing test's report shows it. */
    private static final DaemonLog LOG = new DaemonLog() {
        @Override
        public void info(String message) {
            System.err.println("[engine] " + message);
        }

        @Override
        public void warn(String message) {
            System.err.println("[engine] warning: " + message);
        }
    };

    private TestEngine(Path temp, EngineDaemon daemon) {
        this.temp = temp;
        this.daemon = daemon;
    }

    /**
     * Skips the calling test unless containers can run here (root, runc, busybox-static). The daemon reads an empty
     * configuration of its own (never the machine's /etc/berth/daemon.json), and Docker Hub is a closed port on
     * 127.0.0.1, so no test reaches the real one.
     */
    static TestEngine start() throws IOException {
        return start(options -> options);
    }

    /** As {@link #start()}, with the options changed by {@code adjust} (a configuration file, a hub endpoint). */
    static TestEngine start(java.util.function.UnaryOperator<DaemonOptions> adjust) throws IOException {
        ContainerHost.assumeContainersCanRun();
        Path temp = Files.createTempDirectory("berth-daemon");
        Path config = Files.writeString(temp.resolve("daemon.json"), "{}");
        DaemonOptions options = adjust.apply(DaemonOptions.at(temp.resolve("lib"), temp.resolve("run"))
                .withConfigFile(config).withHubEndpoint(URI.create("http://127.0.0.1:" + closedPort())));
        BusyboxImage.build(ImageStore.open(options.root().resolve("images")), IMAGE.value(), temp);
        return new TestEngine(temp, EngineDaemon.start(options, LOG));
    }

    /** A loopback port nobody listens on (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A directory for a test's own files (client configurations, build contexts), deleted with the engine. */
    Path scratch() throws IOException {
        return Files.createDirectories(temp.resolve("scratch"));
    }

    DaemonOptions options() {
        return daemon.options();
    }

    /** The TCP address the daemon serves with TLS, when its options asked for one. */
    java.net.InetSocketAddress tlsAddress() {
        return daemon.tlsServer().orElseThrow(() -> new AssertionError("the test engine serves no TCP address"))
                .address();
    }

    DockerEndpoint endpoint() {
        return new DockerEndpoint(URI.create("unix://" + daemon.options().socket()), false, Optional.empty(),
                "test engine");
    }

    /**
     * The whole response (head and body, the body possibly chunked) to an empty POST of {@code path} with
     * {@code headers} (each a {@code Name: value} line), on a connection of its own.
     */
    String post(String path, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: d\r\nContent-Length: 0\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(options().socket()))) {
            c.write(ByteBuffer.wrap(request.toString().getBytes(StandardCharsets.US_ASCII)));
            return new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Stops the daemon as SIGTERM would, leaving containers and state in place. */
    void stopDaemonOnly() {
        daemon.stop();
    }

    /** A new daemon on the same directories. */
    void restartDaemon() {
        daemon = EngineDaemon.start(daemon.options(), LOG);
    }

    @Override
    public void close() throws Exception {
        daemon.stop();
        for (Path mount : Mounts.mountsUnder(temp)) {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
        Files2.deleteTree(temp);
        dev.berth.embedded.oci.CgroupParent.host().removeIfEmpty();
    }
}
