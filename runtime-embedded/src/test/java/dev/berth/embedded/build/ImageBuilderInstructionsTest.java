package dev.berth.embedded.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.EmbeddedEngine;
import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.image.ImageConfig;
import dev.berth.embedded.logs.LogQuery;
import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.embedded.testing.ScratchEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instruction semantics on a busybox base image (root, runc): resulting config and file tree. */
class ImageBuilderInstructionsTest {
    static final String DOCKERFILE = """
            ARG GLOBAL=g1
            FROM busybox:test AS base
            ONBUILD RUN echo onbuild-ran > /onbuild.txt
            ONBUILD ENV FROM_ONBUILD=yes
            CMD ["base-cmd"]

            FROM base AS child
            ARG GLOBAL
            ARG LOCAL=l1
            ENV E1=$GLOBAL-$LOCAL
            ENV E2=${E1:+set} E3=${NOPE:-default}
            ENTRYPOINT ["/bin/sh"]
            SHELL ["/bin/sh", "-ec"]
            RUN echo "$E1 $LOCAL $GLOBAL" > /args.txt
            COPY --chown=app:extra --chmod=0750 app/ /srv/app/
            COPY --chown=1000 app/config.txt /srv/owned.txt
            RUN --mount=type=bind,source=app,target=/mnt cat /mnt/config.txt > /copied.txt && rm /etc/group
            HEALTHCHECK --interval=10s --retries=2 CMD echo ok
            VOLUME /data
            MAINTAINER me
            LABEL "x y"=z
            EXPOSE 8000-8001/udp
            STOPSIGNAL SIGINT
            USER app
            WORKDIR sub
            WORKDIR dir
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
        BusyboxImage.build(engine.images(), "busybox:test", temp);
        builder = new ImageBuilder(engine, options);
        context = Files.createDirectories(temp.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        Files.createDirectories(context.resolve("app/lib"));
        Files.writeString(context.resolve("app/config.txt"), "config\n");
        Files.writeString(context.resolve("app/lib/x.so"), "lib\n");
    }

    @AfterEach
    void cleanUp() {
        ScratchEngine.removeAllAndClose(engine, temp);
    }

    private String exec(String image, String script) {
        String id = engine.create(ContainerConfig.builder(image).user("0").entrypoint("sh", "-c", script).build());
        engine.start(id);
        engine.await(id);
        StringBuilder out = new StringBuilder();
        engine.logs(id, LogQuery.ALL).forEach(e -> out.append(e.line()));
        engine.remove(id, true);
        return out.toString();
    }

    @Test
    void everyInstructionShapesTheConfigAndFiles() {
        builder.build(BuildRequest.builder(context).tag("child:1").build(), e -> { });
        ImageConfig.Defaults config = engine.images().resolve("child:1").config().defaults();
        assertTrue(config.env().containsAll(List.of("E1=g1-l1", "E2=set", "E3=default", "FROM_ONBUILD=yes")),
                config.env().toString());
        assertNull(config.cmd(), "ENTRYPOINT resets the CMD inherited from the base");
        assertEquals(List.of("/bin/sh"), config.entrypoint());
        assertEquals(new ImageConfig.HealthConfig(List.of("CMD-SHELL", "echo ok"), 10_000_000_000L, 0, 0, 0, 2),
                config.healthcheck());
        assertEquals(Map.of("/data", Map.of()), config.volumes());
        assertEquals(Map.of("x y", "z"), config.labels());
        assertEquals(Map.of("8000/udp", Map.of(), "8001/udp", Map.of()), config.exposedPorts());
        assertEquals("SIGINT", config.stopSignal());
        assertEquals("app", config.user());
        assertEquals("/sub/dir", config.workingDir());

        String files = exec("child:1", "cat /args.txt /onbuild.txt /copied.txt; test -e /etc/group || echo group-deleted;"
                + " test -e /mnt || echo no-mount-target; stat -c '%a %u %g %n' /srv/app /srv/app/config.txt /srv/app/lib"
                + " /srv/app/lib/x.so /srv/owned.txt /sub/dir");
        assertEquals("""
                g1-l1 l1 g1
                onbuild-ran
                config
                group-deleted
                no-mount-target
                755 1000 2000 /srv/app
                750 1000 2000 /srv/app/config.txt
                750 1000 2000 /srv/app/lib
                750 1000 2000 /srv/app/lib/x.so
                644 1000 1000 /srv/owned.txt
                755 0 0 /sub/dir
                """, files);
    }

    @Test
    void theHistoryHasEachInstructionOnceInOrderAlsoWhenItsStepsComeFromTheCache() {
        builder.build(BuildRequest.builder(context).tag("child:1").build(), e -> { });
        builder.build(BuildRequest.builder(context).tag("child:again").build(), e -> { });
        var image = engine.images().resolve("child:1");
        List<ImageConfig.History> history = image.config().historyEntries();
        assertEquals(history, engine.images().resolve("child:again").config().historyEntries());
        List<String> createdBy = history.stream().map(ImageConfig.History::createdBy).toList();
        List<String> child = List.of("ENV E1=$GLOBAL-$LOCAL", "ENV E2=${E1:+set} E3=${NOPE:-default}",
                "ENTRYPOINT [\"/bin/sh\"]", "SHELL [\"/bin/sh\", \"-ec\"]", "RUN echo \"$E1 $LOCAL $GLOBAL\" > /args.txt",
                "COPY --chown=app:extra --chmod=0750 app/ /srv/app/", "COPY --chown=1000 app/config.txt /srv/owned.txt",
                "RUN --mount=type=bind,source=app,target=/mnt cat /mnt/config.txt > /copied.txt && rm /etc/group",
                "HEALTHCHECK --interval=10s --retries=2 CMD echo ok", "VOLUME /data", "MAINTAINER me",
                "LABEL \"x y\"=z", "EXPOSE 8000-8001/udp", "STOPSIGNAL SIGINT", "USER app", "WORKDIR sub",
                "WORKDIR dir");
        assertEquals(child, createdBy.subList(createdBy.size() - child.size(), createdBy.size()), createdBy.toString());
        assertEquals(image.layers().size() - engine.images().resolve("busybox:test").layers().size(),
                history.stream().filter(h -> !h.isEmptyLayer()).count(), createdBy.toString());
    }

    @Test
    void buildArgsOverrideDefaultsAndTargetStopsEarly() {
        builder.build(BuildRequest.builder(context).tag("child:2").buildArg("GLOBAL", "cli").buildArg("LOCAL", "x").build(), e -> { });
        assertTrue(engine.images().resolve("child:2").config().defaults().env().contains("E1=cli-x"));

        List<BuildEvent> events = new java.util.ArrayList<>();
        builder.build(BuildRequest.builder(context).tag("base:1").target("base").buildArg("UNUSED", "1").build(), events::add);
        ImageConfig.Defaults base = engine.images().resolve("base:1").config().defaults();
        assertEquals(List.of("base-cmd"), base.cmd());
        String blob = new String(engine.images().blobs().read(engine.images().resolve("base:1").id()));
        assertTrue(blob.contains("\"OnBuild\":[\"RUN echo onbuild-ran > /onbuild.txt\",\"ENV FROM_ONBUILD=yes\"]"), blob);
        assertTrue(events.stream().anyMatch(e -> e.kind() == BuildEvent.Kind.WARNING && e.detail().contains("UNUSED")));
    }

    @Test
    void additionalContextImagesAndMissingStages() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), """
                FROM tools
                RUN echo from-additional > /a.txt
                """);
        builder.build(BuildRequest.builder(context).tag("extra:1").additionalContext("tools", "docker-image://busybox:test")
                .build(), e -> { });
        assertEquals("from-additional\n", exec("extra:1", "cat /a.txt"));

        Files.writeString(context.resolve("Dockerfile"), """
                FROM busybox:test AS other
                RUN echo in-other > /o.txt
                FROM busybox:test
                RUN --mount=type=bind,from=other,source=/o.txt,target=/m/o.txt --mount=type=bind,source=app,target=/ctx \\
                    cat /m/o.txt /ctx/config.txt > /mounted.txt
                """);
        BuildRequest request = BuildRequest.builder(context).tag("mounts:1").build();
        builder.build(request, e -> { });
        assertEquals("in-other\nconfig\nmount targets are not in the layer\n", exec("mounts:1",
                "cat /mounted.txt; test -e /m -o -e /ctx || echo mount targets are not in the layer"));
        assertEquals(builder.build(request, e -> { }).steps(), builder.build(request, e -> { }).cachedSteps());
        Path secret = Files.writeString(temp.resolve("token"), "s3cret");
        Files.writeString(context.resolve("Dockerfile"), """
                FROM busybox:test
                RUN --mount=type=secret,id=token,required=true cat /run/secrets/token | wc -c > /len.txt
                """);
        builder.build(BuildRequest.builder(context).tag("secret:1").secret("token", secret).build(), e -> { });
        assertEquals("6\nno secret left\n", exec("secret:1", "cat /len.txt; test -e /run/secrets/token || echo no secret left"));
        DockerfileException noSecret = assertThrows(DockerfileException.class,
                () -> builder.build(BuildRequest.builder(context).noCache(true).build(), e -> { }));
        assertEquals(2, noSecret.line());
        Files.writeString(context.resolve("Dockerfile"), """
                FROM busybox:test AS other
                RUN echo in-other > /o.txt
                FROM busybox:test
                RUN --mount=type=bind,from=other,source=/o.txt,target=/m/o.txt --mount=type=bind,source=app,target=/ctx \\
                    cat /m/o.txt /ctx/config.txt > /mounted.txt
                """);
        Files.writeString(context.resolve("app/config.txt"), "changed\n");
        BuildResult changed = builder.build(request, e -> { });
        assertEquals(changed.steps() - 1, changed.cachedSteps(), "a bind-mounted file is part of the RUN's cache key");
        assertEquals("in-other\nchanged\n", exec("mounts:1", "cat /mounted.txt"));

        Files.writeString(context.resolve("Dockerfile"), "FROM busybox:test\nRUN true\nCOPY --from=nope /x /y\n");
        DockerfileException missing = assertThrows(DockerfileException.class,
                () -> builder.build(BuildRequest.builder(context).build(), e -> { }));
        assertEquals(3, missing.line());
        assertTrue(missing.getMessage().contains("nope: no such stage or local image"), missing.getMessage());
        DockerfileException target = assertThrows(DockerfileException.class,
                () -> builder.build(BuildRequest.builder(context).target("later").build(), e -> { }));
        assertTrue(target.getMessage().contains("target stage 'later' is not defined"), target.getMessage());
        assertEquals(List.of(), engine.list(Map.of()));
    }
}
