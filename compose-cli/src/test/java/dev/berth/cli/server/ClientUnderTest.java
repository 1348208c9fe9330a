package dev.berth.cli.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The native {@code berth-client} built into target/ (tests are skipped where no C compiler built it). */
final class ClientUnderTest {
    static final Path BINARY = Path.of("target", "berth-client").toAbsolutePath();

    /** What a finished client left: exit code, standard output (bytes) and standard error. */
    record Result(int code, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private ClientUnderTest() {
    }

    static void assumeBuilt() {
        assumeTrue(Files.isExecutable(BINARY), "no berth-client (no C compiler when building)");
    }

    /** The jar the test JVM's classes come from, as the server computes its identity from it. */
    static Path jar() {
        return JarIdentity.codeSource();
    }

    static List<String> command(Path socket, String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--jar", jar().toString(), "--socket",
                socket.toString(), "--"));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the client in {@code cwd} with this JVM's environment plus {@code env}. */
    static Process start(List<String> command, Path cwd, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs the command to its end, feeding {@code stdin} and collecting both outputs. */
    static Result run(List<String> command, Path cwd, Map<String, String> env, byte[] stdin)
            throws IOException, InterruptedException {
        Process process = start(command, cwd, env);
        return finish(process, stdin);
    }

    static Result finish(Process process, byte[] stdin) throws IOException, InterruptedException {
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the command did not read its input
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the client did not finish within 60 s");
        }
        return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    }

    static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
