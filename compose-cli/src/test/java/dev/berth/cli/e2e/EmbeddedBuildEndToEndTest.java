package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.testing.ContainerHost;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The berth command, as a separate process, builds a service's image from its Dockerfile on the embedded engine
 * and runs it: {@code up} builds the missing image first (FROM scratch, busybox from an additional context, a
 * COPYed file, a build arg), the container prints the file; {@code build} then reuses the cache, {@code up} without
 * {@code --build} does not rebuild, and {@code --no-build} with a missing image is refused. The embedded runtime is
 * the {@code berth engine} daemon, started by the first command: the build goes through its {@code POST /build},
 * the additional context through the Berth extension {@code berth.contexts}; the teardown stops the daemon.
 */
class EmbeddedBuildEndToEndTest {

    private Path root;
    private Path runDir;
    private Path project;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        ContainerHost.assumeContainersCanRun();
        root = Files.createTempDirectory("berth-e2e-build-root");
        runDir = Files.createTempDirectory("berth-e2e-build-run");
        project = Files.createTempDirectory("berth-e2e-build-project");
        Path app = Files.createDirectories(project.resolve("app"));
        Files.writeString(app.resolve("message.txt"), "a message COPYed by the build\n");
        Files.writeString(app.resolve("Dockerfile"), """
                FROM scratch
                COPY --from=hostbin busybox /bin/busybox
                ARG FLAVOUR=plain
                ENV FLAVOUR=$FLAVOUR
                COPY message.txt /srv/message.txt
                CMD ["/bin/busybox", "sh", "-c", "/bin/busybox cat /srv/message.txt; echo flavour $FLAVOUR"]
                """);
        Files.writeString(project.resolve("compose.yaml"), """
                name: e2ebuild
                services:
                  hello:
                    build:
                      context: ./app
                      args:
                        FLAVOUR: spicy
                      additional_contexts:
                        hostbin: %s
                """.formatted(Path.of("/bin/busybox").toRealPath().getParent()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (root == null) {
            return;
        }
        berth("down");
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
    void upBuildsTheMissingImageAndRunsWhatTheBuildCopied() throws Exception {
        Run refused = berth("up", "--no-build");
        assertEquals(1, refused.code(), refused.err());
        assertTrue(refused.err().contains("e2ebuild-hello") && refused.err().contains("--no-build"), refused.err());

        Run up = berth("up");
        assertEquals(0, up.code(), up.err());
        assertTrue(up.err().contains("started berth engine (pid ") || refused.err().contains("started berth engine"),
                "the build runs on the daemon-backed embedded runtime: " + refused.err() + up.err());
        String out = up.out() + up.err();
        assertTrue(up.err().contains("BuildImage e2ebuild-hello (hello) done"), up.err());
        assertTrue(up.err().contains("COPY message.txt /srv/message.txt"), "build steps are shown: " + up.err());
        assertTrue(out.contains("a message COPYed by the build"), out);
        assertTrue(out.contains("flavour spicy"), "the build arg reached the image: " + out);

        Run dry = berth("--dry-run", "up");
        assertEquals(0, dry.code(), dry.err());
        assertFalse(dry.out().contains("BuildImage"), "a present image is not rebuilt: " + dry.out());
        Run forced = berth("--dry-run", "up", "--build");
        assertTrue(forced.out().contains("BuildImage e2ebuild-hello (hello): --build"), forced.out());

        Run rebuild = berth("build");
        assertEquals(0, rebuild.code(), rebuild.err());
        assertTrue(rebuild.err().contains("CACHED"), "an unchanged build is served from the cache: " + rebuild.err());
        Run quiet = berth("build", "-q", "--build-arg", "FLAVOUR=mild");
        assertEquals(0, quiet.code(), quiet.err());
        assertTrue(quiet.out().strip().matches("sha256:[0-9a-f]{64}"), "-q prints only the image id: " + quiet.out());
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code berth} in its own JVM with the test's class path, in the project directory. */
    private Run berth(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.cli.Main", "--progress", "plain"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().put("BERTH_ROOT", root.toString());
        pb.environment().put("BERTH_RUN_DIR", runDir.toString());
        Path out = Files.createTempFile("berth-e2e", ".out");
        Path err = Files.createTempFile("berth-e2e", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = pb.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 180 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
