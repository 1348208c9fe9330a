package dev.berth.cli.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code berth cli-server} in its own JVM (the test's class path) on a socket in a fresh private directory, started
 * from another working directory than any request's. {@link #close()} stops it by its pid and removes the directory.
 */
final class ServerUnderTest implements AutoCloseable {
    private final Process process;
    private final Path directory;
    private final Path socket;

    private ServerUnderTest(Process process, Path directory, Path socket) {
        this.process = process;
        this.directory = directory;
        this.socket = socket;
    }

    /** Starts a server and waits until its socket exists. */
    static ServerUnderTest start(Map<String, String> env, String... extra) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("berth-cli-server",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = directory.resolve("cli.sock");
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of("cli-server", "--socket", socket.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/").toFile())
                .redirectOutput(directory.resolve("stdout").toFile())
                .redirectError(directory.resolve("stderr").toFile());
        builder.environment().putAll(env);
        ServerUnderTest server = new ServerUnderTest(builder.start(), directory, socket);
        server.awaitSocket(Duration.ofSeconds(60));
        return server;
    }

    /** {@code java -cp <this test's class path> dev.berth.cli.Main}. */
    static List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main");
    }

    private void awaitSocket(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.exists(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String err = Files.readString(directory.resolve("stderr"));
                close();
                throw new AssertionError("the CLI server never created " + socket + "\n" + err);
            }
            Thread.sleep(20);
        }
    }

    Path socket() {
        return socket;
    }

    Path directory() {
        return directory;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    String log() throws IOException {
        Path log = directory.resolve("cli.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        delete(directory);
    }

    static void delete(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> all = Files.walk(tree)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
