package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.daemon.build.LocalContext;
import dev.berth.docker.DockerRuntime;
import dev.berth.embedded.util.Files2;
import dev.berth.runtime.BuildEvent;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.ImageSummary;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /build} on the engine daemon, driven by clients we did not write (the docker CLI with the classic
 * builder API) and by Berth's own Docker runtime, which sends additional build contexts as the Berth extension.
 */
class DaemonBuildTest {
    private static TestEngine engine;
    private static Path dockerConfig;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private Path work;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        engine = TestEngine.start();
        dockerConfig = Files.createTempDirectory("berth-docker-config");
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (dockerConfig != null) {
            Files2.deleteTree(dockerConfig);
        }
    }

    @BeforeEach
    void workDir() throws IOException {
        work = Files.createTempDirectory("berth-daemon-build");
    }

    @AfterEach
    void removeWorkDir() {
        Files2.deleteTree(work);
    }

    private static Result docker(String... args) throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker")),
                "the docker CLI is not installed (apt-get install docker.io)");
        List<String> command = new ArrayList<>(List.of("/usr/bin/docker"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        pb.environment().put("DOCKER_HOST", "unix://" + engine.options().socket());
        pb.environment().put("DOCKER_CONFIG", dockerConfig.toString());
        pb.environment().put("DOCKER_BUILDKIT", "0");
        pb.environment().remove("DOCKER_CONTEXT");
        Path out = Files.createTempFile("docker-cli", ".out");
        Path err = Files.createTempFile("docker-cli", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("docker " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void dockerCliBuildsAScratchImageWithTheClassicBuilder() throws Exception {
        Files.writeString(work.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\nLABEL purpose=test\n"
                + "CMD [\"/hello\"]\n");
        Files.writeString(work.resolve("hello.txt"), "hello\n");
        String tag = "daemon-build-" + run + ":1";

        Result built = docker("build", "-t", tag, "--label", "run=" + run, work.toString());
        try {
            assertEquals(0, built.code(), built.err() + built.out());
            assertTrue(built.out().lines().anyMatch(l -> l.matches("Step \\d+/\\d+ : .*COPY hello.txt /hello.txt")),
                    built.out());
            assertTrue(built.out().contains("Successfully tagged " + tag), built.out());
            Result inspect = docker("image", "inspect", "--format",
                    "{{index .Config.Labels \"purpose\"}} {{index .Config.Labels \"run\"}} {{json .Config.Cmd}}", tag);
            assertEquals(0, inspect.code(), inspect.err());
            assertEquals("test " + run + " [\"/hello\"]", inspect.out().trim());
        } finally {
            docker("rmi", "-f", tag);
        }
    }

    @Test
    void dockerHistoryShowsEachInstructionNewestFirstWithTheSizeOfItsLayer() throws Exception {
        Files.writeString(work.resolve("Dockerfile"), "FROM scratch\nENV GREETING=hi\nCOPY hello.txt /hello.txt\n"
                + "LABEL purpose=history\nCMD [\"/hello\"]\n");
        Files.writeString(work.resolve("hello.txt"), "hello\n");
        String tag = "daemon-history-" + run + ":1";
        Result built = docker("build", "-t", tag, work.toString());
        try {
            assertEquals(0, built.code(), built.err() + built.out());
            Result history = docker("history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Size}}", tag);
            assertEquals(0, history.code(), history.err());
            List<String> lines = history.out().lines().toList();
            Result id = docker("image", "inspect", "--format", "{{.Id}}", tag);
            assertEquals(List.of(id.out().trim() + "|CMD [\"/hello\"]|0B", "<missing>|LABEL purpose=history|0B"),
                    lines.subList(0, 2), history.out());
            assertTrue(lines.get(2).startsWith("<missing>|COPY hello.txt /hello.txt|")
                    && !lines.get(2).endsWith("|0B"), history.out());
            assertEquals("<missing>|ENV GREETING=hi|0B", lines.get(3), history.out());
            assertEquals(4, lines.size(), history.out());
        } finally {
            docker("rmi", "-f", tag);
        }
    }

    @Test
    void dockerCliShowsABuildFailureAndExitsNonZero() throws Exception {
        Files.writeString(work.resolve("Dockerfile"), "FROM scratch\nCOPY missing.txt /\n");

        Result built = docker("build", "-t", "daemon-build-fail-" + run, work.toString());

        assertNotEquals(0, built.code());
        assertTrue((built.err() + built.out()).contains("missing.txt"), built.err() + built.out());
    }

    @Test
    void dockerRuntimeSendsAdditionalContextsToTheBerthEngine() throws Exception {
        Path context = Files.createDirectory(work.resolve("context"));
        Path extra = Files.createDirectory(work.resolve("extra"));
        Files.writeString(extra.resolve("greeting"), "hello from the extra context " + run + "\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + TestEngine.IMAGE.value() + "\n"
                + "COPY --from=extra greeting /greeting\nRUN cat /greeting\n");
        ImageRef tag = ImageRef.of("daemon-build-contexts-" + run + ":1");
        List<BuildEvent> events = new ArrayList<>();
        try (DockerRuntime docker = DockerRuntime.connect(engine.endpoint())) {
            ImageRef id = docker.build(BuildSpec.builder(context, tag).additionalContext("extra", "../extra")
                    .build(), events::add);
            try {
                assertTrue(events.stream().anyMatch(e -> e.kind() == BuildEvent.Kind.OUTPUT
                        && e.text().equals("hello from the extra context " + run)), events.toString());
                assertTrue(events.stream().anyMatch(e -> e.kind() == BuildEvent.Kind.STEP
                        && e.text().contains("COPY --from=extra")), events.toString());
                ImageSummary image = docker.inspectImage(tag);
                assertEquals(id.value(), image.id());
            } finally {
                docker.removeImage(tag, true);
            }
        }
    }

    @Test
    void aContextNamedByItsDirectoryIsBuiltInPlace() throws Exception {
        Files.writeString(work.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\n");
        Files.writeString(work.resolve("hello.txt"), "hello in place\n");
        String tag = "daemon-build-in-place-" + run + ":1";

        String answer = postBuild("t=" + tag + "&berth.context-dir=" + work + "&berth.context-id="
                + LocalContext.identityOf(work));
        try (DockerRuntime docker = DockerRuntime.connect(engine.endpoint())) {
            try {
                assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
                // the body was empty: the COPY found hello.txt in the directory itself
                assertTrue(answer.contains("COPY hello.txt /hello.txt"), answer);
                assertTrue(answer.contains("Successfully tagged " + tag), answer);
                String id = docker.inspectImage(ImageRef.of(tag)).id().replaceFirst("^sha256:", "");
                assertTrue(answer.contains("Successfully built " + id.substring(0, 12)), answer);
            } finally {
                docker.removeImage(ImageRef.of(tag), true);
            }
        }
    }

    @Test
    void aDirectoryThatIsNotTheClientsIsRefusedWithPreconditionFailed() throws Exception {
        Files.writeString(work.resolve("Dockerfile"), "FROM scratch\n");
        String answer = postBuild("t=daemon-build-elsewhere-" + run + "&berth.context-dir=" + work
                + "&berth.context-id=1:1");
        assertTrue(answer.startsWith("HTTP/1.1 412 "), answer);
        assertTrue(answer.contains("send the context as a tar"), answer);
    }

    @Test
    void theVersionListsTheBerthExtensions() throws Exception {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(engine.options().socket()))) {
            c.write(ByteBuffer.wrap("GET /version HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            String answer = new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.contains("\"BerthExtensions\":\"berth.contexts,berth.context-dir\""), answer);
        }
    }

    /** {@code POST /build?query} with an empty body; the whole answer (head and body) as text. */
    private static String postBuild(String query) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(engine.options().socket()))) {
            c.write(ByteBuffer.wrap(("POST /build?" + query + " HTTP/1.1\r\nHost: d\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
            return new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
