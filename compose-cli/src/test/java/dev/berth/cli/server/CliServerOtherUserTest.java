package dev.berth.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CLI server serves only its own user. Run as root: a server of user {@code nobody} (its class path copied where
 * nobody can read it) must refuse root's connection, and root's client must not send its environment to a socket
 * in a directory root does not own.
 */
class CliServerOtherUserTest {
    private static final int NOBODY = 65534;

    private Path work;
    private Process server;

    @BeforeEach
    void requireRootAndSetpriv() throws IOException {
        assumeTrue(ServerPaths.currentUid() == 0, "needs root to run a server as another user");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        work = Files.createTempDirectory("berth-other-user");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stopServerAndRemoveFiles() throws IOException, InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
        if (work != null) {
            ServerUnderTest.delete(work);
        }
    }

    @Test
    void aServerOfAnotherUserRefusesTheConnection() throws Exception {
        Path socketDir = nobodysDirectory("sockets");
        Path socket = socketDir.resolve("cli.sock");
        server = startAsNobody(copyClassPath(), socket);

        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            FrameChannel frames = new FrameChannel(channel);
            try {
                frames.send(FrameType.REQUEST, RequestPayload.request(JarIdentity.of(JarIdentity.codeSource()),
                        "/tmp", 0, List.of("config"), List.of("SECRET=root's")));
            } catch (IOException closedAlready) {
                // the server may close before the request is written: refused all the same
            }
            assertThrows(IOException.class, frames::receive, "the server must close without a word");
        }
        awaitLog(socketDir.resolve("cli.log"), "refused a connection from user root");
    }

    @Test
    void theClientDoesNotTalkToASocketInAnotherUsersDirectory() throws Exception {
        ClientUnderTest.assumeBuilt();
        Path socketDir = nobodysDirectory("sockets");

        ClientUnderTest.Result result = ClientUnderTest.run(ClientUnderTest.command(socketDir.resolve("cli.sock"),
                "config"), work, Map.of(), new byte[0]);

        assertEquals(114, result.code(), result.err());
        assertTrue(result.err().contains("owner " + NOBODY), result.err());
    }

    private Path nobodysDirectory(String name) throws IOException {
        Path dir = Files.createDirectory(work.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(dir, nobody);
        return dir;
    }

    private Process startAsNobody(String classPath, Path socket) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", classPath, "dev.berth.cli.Main", "cli-server", "--socket",
                socket.toString(), "--idle", "2m"));
        Process process = new ProcessBuilder(command).directory(Path.of("/").toFile())
                .redirectOutput(work.resolve("server.out").toFile()).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("nobody's server did not start: " + Files.readString(work.resolve("server.out")));
            }
            Thread.sleep(50);
        }
        return process;
    }

    /** This test's class path, copied under the work directory where nobody can read it. */
    private String copyClassPath() throws IOException {
        Path copies = Files.createDirectory(work.resolve("classpath"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (Path entry : classPathEntries()) {
            Path copy = copies.resolve(n++ + "-" + entry.getFileName());
            copyTree(entry, copy);
            entries.add(copy.toString());
        }
        return String.join(":", entries);
    }

    /** The class path entries, read from surefire's manifest-only jar when it uses one. */
    private static List<Path> classPathEntries() throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String item : System.getProperty("java.class.path").split(":")) {
            Path path = Path.of(item);
            if (item.endsWith(".jar") && path.getFileName().toString().startsWith("surefirebooter")) {
                try (JarFile booter = new JarFile(path.toFile())) {
                    for (String url : booter.getManifest().getMainAttributes().getValue("Class-Path").split(" ")) {
                        entries.add(Path.of(URI.create(url)));
                    }
                }
            } else {
                entries.add(path);
            }
        }
        return entries;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void awaitLog(Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(log) && Files.readString(log).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the log never said '" + text + "':\n"
                        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
            }
            Thread.sleep(50);
        }
    }
}
