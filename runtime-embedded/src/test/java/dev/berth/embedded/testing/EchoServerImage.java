package dev.berth.embedded.testing;

import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageConfig;
import dev.berth.embedded.image.ImageStore;
import dev.berth.embedded.image.ImageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A FROM-scratch image holding only Berth's test echo server ({@code echo-server.c} next to this class, compiled
 * here with {@code cc -static -O2}): {@code /echo-server PORT...} answers UDP datagrams with
 * {@code "udp <port> <payload>"} and the first line of a TCP connection with {@code "tcp <port> <line>"}, on every
 * address of the container. Debian's static busybox has no UDP server; this is the tests' own.
 */
public final class EchoServerImage {
    public static final Path CC = Path.of("/usr/bin/cc");
    private static final String SOURCE = "echo-server.c";

    private EchoServerImage() {
    }

    public static void assumeCompiler() {
        Assumptions.assumeTrue(Files.isExecutable(CC), "no C compiler: install gcc and libc6-dev");
    }

    /** Compiles the server and commits the image as {@code tag}; {@code work} holds the intermediate files. */
    public static Image build(ImageStore store, String tag, Path work) {
        assumeCompiler();
        try {
            Path binary = compile(work);
            Path layer = new TarBuilder().dir("etc", 0755).dir("proc", 0555).dir("sys", 0555).dir("dev", 0755)
                    .dir("tmp", 01777).file("echo-server", Files.readAllBytes(binary), 0755, 0, 0)
                    .writeTo(Files.createTempFile(work, "echo-server", ".tar"));
            ImageConfig.Defaults defaults = new ImageConfig.Defaults(null, List.of(), List.of("/echo-server"),
                    List.of("7007"), "/", null, null, null, null);
            return new ImageWriter(store).commit(tag, defaults, List.of(layer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path compile(Path work) throws IOException {
        Path source = Files.createTempFile(work, "echo-server", ".c");
        try (InputStream in = EchoServerImage.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is missing from the test resources next to "
                        + EchoServerImage.class.getName());
            }
            Files.write(source, in.readAllBytes());
        }
        Path binary = work.resolve("echo-server-" + Long.toHexString(System.nanoTime()));
        Path log = Files.createTempFile(work, "cc", ".log");
        Process cc = new ProcessBuilder(CC.toString(), "-static", "-O2", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!cc.waitFor(120, TimeUnit.SECONDS)) {
                cc.destroyForcibly();
                throw new IllegalStateException("cc did not finish in 120 s compiling " + source);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cc.destroyForcibly();
            throw new IllegalStateException("interrupted while compiling " + source, e);
        }
        if (cc.exitValue() != 0) {
            throw new IllegalStateException("cc -static failed (exit " + cc.exitValue() + ") for " + source + ": "
                    + Files.readString(log, StandardCharsets.UTF_8) + " (install gcc and libc6-dev)");
        }
        return binary;
    }
}
