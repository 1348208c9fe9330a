package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.e2e.EngineUnderTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private EngineUnderTest engine;

    @BeforeEach
    void setUp() throws IOException {
        engine = EngineUnderTest.create("build");
        Path app = Files.createDirectories(engine.project().resolve("app"));
        Files.writeString(app.resolve("message.txt"), "a message COPYed by the build\n");
        Files.writeString(app.resolve("Dockerfile"), """
                FROM scratch
                COPY --from=hostbin busybox /bin/busybox
                ARG FLAVOUR=plain
                ENV FLAVOUR=$FLAVOUR
                COPY message.txt /srv/message.txt
                CMD ["/bin/busybox", "sh", "-c", "/bin/busybox cat /srv/message.txt; echo flavour $FLAVOUR"]
                """);
        engine.writeCompose("""
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
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void upBuildsTheMissingImageAndRunsWhatTheBuildCopied() throws Exception {
        Run refused = engine.berth("up", "--no-build");
        assertEquals(1, refused.code(), refused.err());
        assertTrue(refused.err().contains("e2ebuild-hello") && refused.err().contains("--no-build"), refused.err());

        Run up = engine.berth("up");
        assertEquals(0, up.code(), up.err());
        assertTrue(up.err().contains("started berth engine (pid ") || refused.err().contains("started berth engine"),
                "the build runs on the daemon-backed embedded runtime: " + refused.err() + up.err());
        String out = up.out() + up.err();
        assertTrue(up.err().contains("BuildImage e2ebuild-hello (hello) done"), up.err());
        assertTrue(up.err().contains("COPY message.txt /srv/message.txt"), "build steps are shown: " + up.err());
        assertTrue(out.contains("a message COPYed by the build"), out);
        assertTrue(out.contains("flavour spicy"), "the build arg reached the image: " + out);

        Run dry = engine.berth("--dry-run", "up");
        assertEquals(0, dry.code(), dry.err());
        assertFalse(dry.out().contains("BuildImage"), "a present image is not rebuilt: " + dry.out());
        Run forced = engine.berth("--dry-run", "up", "--build");
        assertTrue(forced.out().contains("BuildImage e2ebuild-hello (hello): --build"), forced.out());

        Run rebuild = engine.berth("build");
        assertEquals(0, rebuild.code(), rebuild.err());
        assertTrue(rebuild.err().contains("CACHED"), "an unchanged build is served from the cache: " + rebuild.err());
        Run quiet = engine.berth("build", "-q", "--build-arg", "FLAVOUR=mild");
        assertEquals(0, quiet.code(), quiet.err());
        assertTrue(quiet.out().strip().matches("sha256:[0-9a-f]{64}"), "-q prints only the image id: " + quiet.out());
    }
}
