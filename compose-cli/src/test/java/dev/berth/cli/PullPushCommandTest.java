package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ImageRef;
import dev.berth.runtime.fake.FakeShell;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth pull}, {@code berth push} and {@code up --pull} on the fake runtime's registry. */
class PullPushCommandTest {
    @TempDir
    Path dir;

    private static final String PROJECT = """
            name: shop
            services:
              web:
                image: 127.0.0.1:5000/shop/web:1
                build: .
                command: ["sh", "-c", "sleep infinity"]
              cache:
                image: redis:7
                command: ["sh", "-c", "sleep infinity"]
            """;

    @BeforeEach
    void reset() {
        SharedFakeRuntimeProvider.reset();
    }

    @Test
    void pullPullsTheImagesAndIgnorePullFailuresKeepsTheExitCodeZero() {
        SharedFakeRuntimeProvider.runtime().addRegistryImage(ImageRef.of("redis:7"), new FakeShell());
        Cli cli = new Cli(dir, PROJECT);
        Cli.Result failing = cli.run("pull");
        assertEquals(1, failing.code(), "web's image is in no registry");
        assertTrue(failing.err().contains("PullImage 127.0.0.1:5000/shop/web:1 for web"), failing.err());
        assertTrue(failing.err().contains("no such repository or tag"), failing.err());
        SharedFakeRuntimeProvider.runtime().inspectImage(ImageRef.of("redis:7"));

        assertEquals(0, cli.run("pull", "--ignore-pull-failures").code());
        Cli.Result quiet = cli.run("pull", "-q", "cache");
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.err().contains("PullImage"), "-q prints no progress: " + quiet.err());
        Cli.Result plan = cli.run("--dry-run", "pull", "--policy", "missing");
        assertEquals("(nothing to do)\n", plan.out(), "web is built, not pulled, when missing; redis is present");
        assertEquals(2, cli.run("pull", "--policy", "sometimes").code());
    }

    @Test
    void pullShowsEachLayerOfEachImage() {
        SharedFakeRuntimeProvider.runtime().addRegistryImage(ImageRef.of("redis:7"), new FakeShell());
        Cli.Result pull = new Cli(dir, PROJECT).run("pull", "cache");
        assertEquals(0, pull.code(), pull.err());
        assertTrue(pull.err().matches("(?s).*\\[redis:7] [0-9a-f]{12} Download complete 1.024kB\n\\[redis:7] Pulled\n"
                + "PullImage redis:7 for cache done\n.*"), pull.err());
    }

    @Test
    void buildPushPushesTheBuiltImageAfterBuildingIt() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:latest\n");
        SharedFakeRuntimeProvider.runtime().addImage(ImageRef.of("busybox:latest"), new FakeShell());
        Cli cli = new Cli(dir, PROJECT);
        assertEquals("#1 BuildImage 127.0.0.1:5000/shop/web:1 (web): --build\n"
                + "#2 PushImage 127.0.0.1:5000/shop/web:1 for web: build --push [after #1]\n",
                cli.run("--dry-run", "build", "--push").out());
        Cli.Result build = cli.run("build", "--push");
        assertEquals(0, build.code(), build.err());
        assertTrue(build.err().contains("[127.0.0.1:5000/shop/web:1] Pushed sha256:"), build.err());
        assertEquals(SharedFakeRuntimeProvider.runtime().inspectImage(ImageRef.of("127.0.0.1:5000/shop/web:1")).id(),
                SharedFakeRuntimeProvider.runtime().registryImage(ImageRef.of("127.0.0.1:5000/shop/web:1"))
                        .orElseThrow());
    }

    @Test
    void pushThenUpWithPullAlwaysUsesTheRegistryImage() {
        SharedFakeRuntimeProvider.runtime().addImage(ImageRef.of("127.0.0.1:5000/shop/web:1"), new FakeShell());
        SharedFakeRuntimeProvider.runtime().addRegistryImage(ImageRef.of("redis:7"), new FakeShell());
        Cli cli = new Cli(dir, PROJECT);
        Cli.Result push = cli.run("push");
        assertEquals(0, push.code(), push.err());
        assertTrue(SharedFakeRuntimeProvider.runtime().registryImage(ImageRef.of("127.0.0.1:5000/shop/web:1")).isPresent());

        Cli.Result dry = cli.run("--dry-run", "up", "-d", "--pull", "always");
        assertTrue(dry.out().startsWith("#1 PullImage 127.0.0.1:5000/shop/web:1 for web: pull_policy always\n"
                + "#2 PullImage redis:7 for cache: pull_policy always\n"), dry.out());
        Cli.Result up = cli.run("up", "-d", "--pull", "always");
        assertEquals(0, up.code(), up.err());
        assertTrue(SharedFakeRuntimeProvider.runtime().calls().contains("pullImage redis:7"));
    }
}
