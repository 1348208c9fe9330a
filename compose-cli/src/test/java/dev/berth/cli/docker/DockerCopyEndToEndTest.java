package dev.berth.cli.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.docker.TestDockerDaemon;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** berth cp as a separate process on dockerd: a directory in and back out, with its modes and a link. */
class DockerCopyEndToEndTest {
    @RegisterExtension
    static final TestDockerDaemon DOCKERD = new TestDockerDaemon();

    private final String project = "cp-docker-" + UUID.randomUUID().toString().substring(0, 8);
    private Path dir;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("berth-cp-docker");
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  box:
                    image: %s
                    command: ["sleep", "300"]
                """.formatted(DOCKERD.image().value()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dir == null) {
            return;
        }
        berth("down", "-t", "0");
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void aDirectoryGoesInAndComesBackWithModesAndLinks() throws Exception {
        assertEquals(0, berth("up", "-d").code());
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("run.sh"), "echo hi\n");
        Files.setPosixFilePermissions(site.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(site.resolve("latest"), Path.of("run.sh"));

        Run in = berth("cp", "site", "box:/srv");
        assertEquals(0, in.code(), in.err());
        Run out = berth("cp", "box:/srv", "back");
        assertEquals(0, out.code(), out.err());
        assertEquals("echo hi\n", Files.readString(dir.resolve("back/run.sh")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("back/run.sh"))));
        assertEquals(Path.of("run.sh"), Files.readSymbolicLink(dir.resolve("back/latest")));

        Run intoFile = berth("cp", "site", "box:/srv/run.sh");
        assertEquals(1, intoFile.code());
        assertTrue(intoFile.err().contains("cannot copy a directory onto the file /srv/run.sh"), intoFile.err());
    }

    private Run berth(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main", "--progress", "plain",
                "--runtime", "docker", "-p", project));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("DOCKER_HOST", DOCKERD.endpoint().host().toString());
        pb.environment().remove("DOCKER_CONTEXT");
        Path outFile = Files.createTempFile("berth-cp-docker", ".out");
        Path errFile = Files.createTempFile("berth-cp-docker", ".err");
        pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        Process process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 120 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8));
        Files.delete(outFile);
        Files.delete(errFile);
        return run;
    }
}
