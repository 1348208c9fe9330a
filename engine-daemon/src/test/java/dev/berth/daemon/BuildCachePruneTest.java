package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.util.Files2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker builder prune} (the docker CLI against the engine's socket, classic builder): without {@code -a} it
 * removes the cached steps whose layers no image has any more and reclaims their space, leaving the cache of live
 * images; with {@code -a} every entry goes, yet tagged images and what containers use stay and run, and the next
 * build runs its steps again.
 */
class BuildCachePruneTest {
    private static final Pattern RECLAIMED = Pattern.compile("Total reclaimed space: ([0-9.]+)\\s*([kMG]?B)");
    private static TestEngine engine;
    private static Path temp;
    private static DockerCli docker;

    @BeforeAll
    static void start() throws Exception {
        DockerCli.assumeInstalled();
        engine = TestEngine.start();
        temp = Files.createTempDirectory("berth-build-prune");
        docker = new DockerCli(engine, Files.createDirectories(temp.resolve("docker-config")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (temp != null) {
            Files2.deleteTree(temp);
        }
    }

    @Test
    void pruneRemovesOnlyWhatTheCacheAloneKeepsAndAllRemovesEveryEntryButNoImage() throws Exception {
        Path gone = context("gone", "RUN dd if=/dev/urandom of=/big bs=1024 count=768 2>/dev/null\n"
                + "RUN echo gone > /marker\n");
        docker.ok("build", "-t", "prune-gone:1", gone.toString());
        Path kept = context("kept", "RUN echo kept > /kept\n");
        docker.ok("build", "-t", "prune-kept:1", kept.toString());
        assertEquals("", docker.ok("images", "-q", "--filter", "dangling=true").text(),
                "the steps' intermediate states are no dangling images");
        docker.ok("rmi", "prune-gone:1");

        DockerCli.Result dangling = docker.ok("builder", "prune", "-f");
        assertTrue(dangling.out().contains("Deleted build cache objects:"), dangling.out());
        assertTrue(reclaimedBytes(dangling.out()) >= 700 * 1024, "the 768 KiB layer only the cache kept: "
                + dangling.out());
        assertTrue(docker.ok("build", "-t", "prune-kept:1", kept.toString()).out().contains("Using cache"),
                "the steps of a live image stay cached");
        DockerCli.Result again = docker.ok("builder", "prune", "-f");
        assertEquals(0.0, reclaimedBytes(again.out()), again.out());

        docker.ok("run", "-d", "--name", "prune-user", "prune-kept:1", "sleep", "60");
        try {
            DockerCli.Result everything = docker.ok("builder", "prune", "-a", "-f");
            assertTrue(everything.out().contains("Deleted build cache objects:"), everything.out());
            assertEquals("kept", docker.ok("run", "--rm", "prune-kept:1", "cat", "/kept").text());
            assertEquals("kept", docker.ok("exec", "prune-user", "cat", "/kept").text());
            assertFalse(docker.ok("build", "-t", "prune-kept:1", kept.toString()).out().contains("Using cache"),
                    "no cached steps are left");
        } finally {
            docker.run("rm", "-f", "prune-user");
        }
    }

    @Test
    void pruneRemovesCacheMountsNoBuildHolds() throws Exception {
        Path dir = context("mounted", "RUN --mount=type=cache,id=prunecache,target=/cache"
                + " dd if=/dev/urandom of=/cache/blob bs=1024 count=256 2>/dev/null\n");
        docker.ok("build", "-t", "prune-mounted:1", dir.toString());
        Path mount = engine.options().root().resolve("build").resolve("mounts").resolve("prunecache");
        assertTrue(Files.isRegularFile(mount.resolve("blob")), "the step filled its cache mount");
        try {
            DockerCli.Result pruned = docker.ok("builder", "prune", "-f");
            assertTrue(pruned.out().lines().anyMatch(l -> l.trim().equals("prunecache")), pruned.out());
            assertTrue(reclaimedBytes(pruned.out()) >= 250 * 1024, pruned.out());
            assertFalse(Files.exists(mount), "the cache mount is gone");
            assertEquals("absent", docker.ok("run", "--rm", "prune-mounted:1", "sh", "-c",
                    "test -e /cache/blob || echo absent").text(), "the image never had the cache's content");
        } finally {
            docker.run("rmi", "prune-mounted:1");
        }
    }

    @Test
    void filtersTheCacheHasNoMeaningForAreRefusedByName() throws Exception {
        DockerCli.Result refused = docker.run("builder", "prune", "-f", "--filter", "type=regular");
        assertTrue(refused.code() != 0, refused.out());
        assertTrue(refused.err().contains("filtered by until and id only"), refused.err());
    }

    private static Path context(String name, String steps) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + TestEngine.IMAGE.value() + "\n" + steps);
        return dir;
    }

    /** The bytes of the CLI's {@code Total reclaimed space: 786.4kB} line. */
    private static double reclaimedBytes(String out) {
        Matcher m = RECLAIMED.matcher(out);
        assertTrue(m.find(), out);
        double unit = switch (m.group(2)) {
            case "kB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            default -> 1;
        };
        return Double.parseDouble(m.group(1)) * unit;
    }
}
