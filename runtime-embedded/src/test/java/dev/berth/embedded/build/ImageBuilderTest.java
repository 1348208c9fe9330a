package dev.berth.embedded.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.image.Image;
import dev.berth.embedded.image.ImageConfig;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.embedded.testing.ScratchEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on runc, as root: multi-stage FROM-scratch builds with busybox from the host's /bin. */
class ImageBuilderTest {
    static final String DOCKERFILE = """
            # syntax=docker/dockerfile:1
            ARG BASE=scratch
            FROM ${BASE} AS tools
            COPY --from=bin busybox /bin/busybox
            RUN ["/bin/busybox", "--install", "-s", "/bin"]
            RUN mkdir -p /out && echo built-by-run > /out/run.txt && rm /bin/true
            RUN test ! -e /bin/true && echo whiteout-ok > /out/check.txt

            FROM scratch AS unused
            RUN this stage is not needed by the target

            FROM scratch AS final
            ARG GREETING=hello
            COPY --from=bin busybox /bin/busybox
            COPY --from=tools /out/run.txt /out/check.txt /data/
            COPY app/ /app/
            ENV APP_HOME=/app GREETING=${GREETING}
            WORKDIR /app
            RUN ["/bin/busybox", "sh", "-c", "/bin/busybox echo $GREETING > greeting.txt"]
            LABEL org.example.stage=final
            EXPOSE 8080 53/udp
            STOPSIGNAL SIGTERM
            USER 1000:1000
            ENTRYPOINT ["/bin/busybox", "sh", "-c"]
            CMD ["/bin/busybox cat /data/run.txt /data/check.txt greeting.txt config.txt; /bin/busybox ls /app"]
            """;

    @TempDir
    Path temp;
    EmbeddedEngine engine;
    ImageBuilder builder;
    Path context;

    @BeforeEach
    void open() throws Exception {
        ContainerHost.assumeContainersCanRun();
        EngineOptions options = EngineOptions.at(temp.resolve("lib"), temp.resolve("run"));
        engine = EmbeddedEngine.open(options);
        builder = new ImageBuilder(engine, options);
        context = Files.createDirectories(temp.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        Files.createDirectories(context.resolve("app"));
        Files.writeString(context.resolve("app/config.txt"), "config-v1\n");
        Files.writeString(context.resolve("app/secret.key"), "do not ship\n");
        Files.writeString(context.resolve("app/notes.md"), "notes\n");
        Files.writeString(context.resolve("app/keep.md"), "kept\n");
        Files.writeString(context.resolve(".dockerignore"), "# test\n**/*.key\napp/*.md\n!app/keep.md\n");
    }

    @AfterEach
    void cleanUp() {
        ScratchEngine.removeAllAndClose(engine, temp);
    }

    private BuildRequest request() {
        return BuildRequest.builder(context).additionalContext("bin", BusyboxImage.BUSYBOX.getParent().toString())
                .tag("example/app:1").label("org.example.built-by", "test").network("none").build();
    }

    private String runImage(String image) {
        String id = engine.create(ContainerConfig.builder(image).build());
        engine.start(id);
        engine.await(id);
        StringBuilder out = new StringBuilder();
        engine.logs(id, LogQuery.ALL).forEach(e -> out.append(e.line()));
        engine.remove(id, true);
        return out.toString();
    }

    @Test
    void buildsMultiStageImageThatRunsAndRebuildsFromCache() throws Exception {
        List<BuildEvent> events = new ArrayList<>();
        BuildResult first = builder.build(request(), events::add);
        assertEquals(1, first.cachedSteps(), "the final stage's COPY of busybox onto scratch equals the tools stage's");
        assertTrue(events.stream().noneMatch(e -> e.kind() == BuildEvent.Kind.STAGE && "unused".equals(e.stage())),
                "stages the target does not need are skipped");
        assertEquals(List.of(), engine.list(Map.of()), "RUN containers are removed");

        Image image = engine.images().resolve("example/app:1");
        ImageConfig.Defaults config = image.config().defaults();
        assertEquals("1000:1000", config.user());
        assertEquals("/app", config.workingDir());
        assertTrue(config.env().containsAll(List.of("APP_HOME=/app", "GREETING=hello")), config.env().toString());
        assertEquals(List.of("/bin/busybox", "sh", "-c"), config.entrypoint());
        assertEquals(1, config.cmd().size());
        assertEquals(Map.of("org.example.stage", "final", "org.example.built-by", "test"), config.labels());
        assertEquals(Map.of("8080/tcp", Map.of(), "53/udp", Map.of()), config.exposedPorts());
        assertEquals("SIGTERM", config.stopSignal());
        assertEquals(4, image.layers().size(), "busybox, COPY --from, COPY app/, RUN (WORKDIR existed)");

        assertEquals("built-by-run\nwhiteout-ok\nhello\nconfig-v1\nconfig.txt\ngreeting.txt\nkeep.md\n",
                runImage("example/app:1"));

        List<BuildEvent> again = new ArrayList<>();
        long started = System.nanoTime();
        BuildResult second = builder.build(request(), again::add);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(second.steps(), second.cachedSteps(), "an unchanged rebuild is all cache hits");
        assertEquals(first.imageId(), second.imageId(), "and gives the same image");
        Files.writeString(Path.of("target/build-cached-rebuild-millis.txt"), millis + "\n");
        assertTrue(millis < 1000, "cached rebuild took " + millis + " ms");

        Files.writeString(context.resolve("app/config.txt"), "config-v2\n");
        List<BuildEvent> third = new ArrayList<>();
        BuildResult changed = builder.build(request(), third::add);
        List<String> rebuilt = third.stream().filter(e -> e.kind() == BuildEvent.Kind.DONE).map(BuildEvent::instruction).toList();
        assertEquals(List.of("COPY app/ /app/", "WORKDIR /app",
                "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox echo $GREETING > greeting.txt\"]"), rebuilt);
        assertEquals(changed.steps() - 3, changed.cachedSteps());
        assertTrue(runImage("example/app:1").contains("config-v2\n"));
    }

    @Test
    void failingRunReportsTheLineAndLeavesNoContainer() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), """
                FROM scratch
                COPY --from=bin busybox /bin/busybox
                RUN ["/bin/busybox", "sh", "-c", "echo about to fail; exit 7"]
                """);
        List<BuildEvent> events = new ArrayList<>();
        DockerfileException e = assertThrows(DockerfileException.class, () -> builder.build(request(), events::add));
        assertTrue(events.stream().anyMatch(x -> x.kind() == BuildEvent.Kind.OUTPUT && x.detail().equals("about to fail")
                && x.line() == 3), "RUN output is streamed as events");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("exit code 7") && e.getMessage().contains("about to fail"), e.getMessage());
        assertEquals(List.of(), engine.list(Map.of()));
    }

    @Test
    void copySourceOutsideTheContextOrThroughASymlinkIsRefused() throws Exception {
        Files.createSymbolicLink(context.resolve("escape"), Path.of("/etc"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY ../secret /x\n");
        DockerfileException outside = assertThrows(DockerfileException.class, () -> builder.build(request(), x -> { }));
        assertEquals(2, outside.line());
        assertTrue(outside.getMessage().contains("outside the build context"), outside.getMessage());
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n\nCOPY escape/passwd /x\n");
        DockerfileException link = assertThrows(DockerfileException.class, () -> builder.build(request(), x -> { }));
        assertEquals(3, link.line());
        assertTrue(link.getMessage().contains("through a symlink"), link.getMessage());
    }

    @Test
    void addExtractsLocalTarsHeredocsAndCacheMounts() throws Exception {
        dev.berth.embedded.testing.TarBuilder tar = new dev.berth.embedded.testing.TarBuilder()
                .dir("pkg", 0755).file("pkg/readme.txt", "from-tar\n", 0640);
        tar.writeGzipTo(context.resolve("pkg.tar.gz"));
        Files.writeString(context.resolve("Dockerfile"), """
                FROM scratch
                COPY --from=bin busybox /bin/busybox
                ADD pkg.tar.gz /opt/
                COPY --chmod=0755 <<EOF /usr/local/bin/hello
                #!/bin/busybox sh
                /bin/busybox echo hello-from-heredoc
                EOF
                RUN ["/bin/busybox", "mkdir", "-p", "/bin"]
                RUN ["/bin/busybox", "ln", "-s", "/bin/busybox", "/bin/sh"]
                RUN <<EOF
                /bin/busybox echo heredoc-run > /opt/h
                EOF
                RUN --mount=type=cache,target=/cache ["/bin/busybox", "sh", "-c", "/bin/busybox echo cached > /cache/c; /bin/busybox cp /cache/c /opt/c"]
                CMD ["/bin/busybox", "sh", "-c", "/bin/busybox cat /opt/pkg/readme.txt /opt/c /opt/h; /usr/local/bin/hello; /bin/busybox ls -a /cache 2>&1 | /bin/busybox wc -l"]
                """);
        builder.build(request(), x -> { });
        String out = runImage("example/app:1");
        assertTrue(out.startsWith("from-tar\ncached\nheredoc-run\nhello-from-heredoc\n"), out);
    }

    @Test
    void missingImagesComeFromTheBaseImageSourceAndPullRefreshesThemOncePerBuild() throws Exception {
        List<String> fetched = new ArrayList<>();
        BaseImages registry = (reference, progress) -> {
            fetched.add(reference);
            progress.accept("Pulling " + reference);
            BusyboxImage.build(engine.images(), reference, createDirectories(temp.resolve("fetched-" + fetched.size())));
            return true;
        };
        Files.writeString(context.resolve("Dockerfile"), "FROM remote/base:1\nLABEL stage=one\n"
                + "FROM remote/base:1\nCOPY --from=0 /bin/busybox /copied\n");
        List<BuildEvent> events = new ArrayList<>();
        builder.build(BuildRequest.builder(context).tag("example/fetched:1").build(), registry, events::add);
        assertEquals(List.of("remote/base:1"), fetched, "fetched once, when missing");
        assertTrue(events.stream().anyMatch(e -> "Pulling remote/base:1".equals(e.detail())), events.toString());

        builder.build(BuildRequest.builder(context).tag("example/fetched:2").build(), registry, e -> { });
        assertEquals(1, fetched.size(), "present now: not fetched again");
        builder.build(BuildRequest.builder(context).tag("example/fetched:3").pull(true).build(), registry, e -> { });
        assertEquals(2, fetched.size(), "pull refreshes it, once for both stages");

        DockerfileException offline = assertThrows(DockerfileException.class, () -> builder.build(BuildRequest
                .builder(context).tag("x:1").dockerfileText("FROM remote/absent:1\n").build(), BaseImages.OFFLINE,
                e -> { }));
        assertTrue(offline.getMessage().contains("remote/absent:1: no such stage or local image"), offline.getMessage());
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
