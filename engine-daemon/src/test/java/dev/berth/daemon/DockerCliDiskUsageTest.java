package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docker system df} and {@code docker image prune} (Debian's docker CLI) against the engine daemon: sizes of
 * images, containers' writable layers and volumes; dangling images pruned, {@code -a} pruning unused ones, label
 * filters, space reclaimed.
 */
class DockerCliDiskUsageTest {
    @RegisterExtension
    static final DockerCliEngine CLI = new DockerCliEngine();
    private static DockerCli docker;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void keepTheBaseImageInUse() throws Exception {
        docker = CLI.docker();
        docker.ok("create", "--name", "keeps-the-base", TestEngine.IMAGE.value(), "true");
    }

    /** Builds {@code dockerfile} (FROM the test image) and returns the image id; tagged when {@code tag} is given. */
    private String build(String tag, String dockerfile) throws Exception {
        Path context = Files.createTempDirectory(CLI.scratch(), "context");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + TestEngine.IMAGE.value() + "\n" + dockerfile);
        List<String> args = new ArrayList<>(List.of("build", "-q"));
        if (tag != null) {
            args.addAll(List.of("-t", tag));
        }
        args.add(context.toString());
        return docker.ok(args.toArray(String[]::new)).text();
    }

    @Test
    void systemDfReportsImagesContainerLayersAndVolumesWithTheirSizes() throws Exception {
        String container = "df-writer-" + run;
        String volume = "df-volume-" + run;
        docker.ok("volume", "create", volume);
        docker.ok("run", "--name", container, "-v", volume + ":/data", TestEngine.IMAGE.value(), "sh", "-c",
                "head -c 100000 /dev/zero > /written.bin && head -c 50000 /dev/zero > /data/kept.bin");
        try {
            JsonNode df = get("/v1.41/system/df");
            JsonNode entry = find(df.get("Containers"), "Names", "/" + container);
            assertTrue(entry.get("SizeRw").asLong() >= 100000, entry.toString());
            assertTrue(entry.get("SizeRootFs").asLong() > entry.get("SizeRw").asLong(), "plus the image: " + entry);
            JsonNode vol = find(df.get("Volumes"), "Name", volume);
            assertEquals(50000, vol.at("/UsageData/Size").asLong(), vol.toString());
            assertEquals(1, vol.at("/UsageData/RefCount").asInt(), vol.toString());
            JsonNode base = find(df.get("Images"), "RepoTags", TestEngine.IMAGE.value());
            assertTrue(base.get("Size").asLong() > 0 && base.get("Containers").asInt() >= 2, base.toString());
            assertTrue(df.get("LayersSize").asLong() >= base.get("Size").asLong(), df.toString());
            assertTrue(df.get("BuildCache").isArray());

            DockerCli.Result summary = docker.ok("system", "df");
            for (String type : List.of("Images", "Containers", "Local Volumes", "Build Cache")) {
                assertTrue(summary.out().contains(type), summary.out());
            }
            DockerCli.Result verbose = docker.ok("system", "df", "-v");
            assertTrue(verbose.out().matches("(?s).*" + volume + "\\s+1\\s+50kB.*"), verbose.out());
            assertTrue(verbose.out().matches("(?s).*100kB[^\n]*" + container + ".*"), verbose.out());
        } finally {
            docker.run("rm", "-f", container);
            docker.run("volume", "rm", volume);
        }
    }

    @Test
    void imagePruneRemovesDanglingImagesThenWithAllEveryUnusedOneAndReportsTheSpace() throws Exception {
        String dangling = build(null, "RUN head -c 20000 /dev/urandom > /dangling-" + run + ".bin\n");
        String kept = build("prune-kept:" + run, "RUN head -c 30000 /dev/urandom > /kept.bin\n");
        String used = build("prune-used:" + run, "LABEL used=" + run + "\n");
        String labelled = build("prune-labelled:" + run, "LABEL purpose=temp-" + run + "\n");
        docker.ok("create", "--name", "uses-" + run, "prune-used:" + run, "true");
        try {
            assertTrue(docker.ok("images", "-q", "--no-trunc", "-f", "dangling=true").out().contains(dangling),
                    "an untagged build is listed as dangling");
            DockerCli.Result pruned = docker.ok("image", "prune", "-f");
            assertTrue(pruned.out().contains("deleted: " + dangling), pruned.out());
            assertTrue(pruned.out().matches("(?s).*Total reclaimed space: (2[0-9]|[3-9][0-9])(\\.[0-9]+)?kB.*"),
                    "its 20 kB layer went with it (and its build cache entry, as with the classic builder): "
                    + pruned.out());
            assertNotEquals(0, docker.run("image", "inspect", dangling).code(), "the dangling image is gone");
            assertEquals(kept, docker.ok("image", "inspect", "-f", "{{.Id}}", "prune-kept:" + run).text(),
                    "a tagged image stays without -a");

            DockerCli.Result byLabel = docker.ok("image", "prune", "-a", "-f", "--filter", "label=purpose=temp-" + run);
            assertTrue(byLabel.out().contains("untagged: prune-labelled:" + run), byLabel.out());
            assertTrue(byLabel.out().contains("deleted: " + labelled), byLabel.out());
            assertFalse(byLabel.out().contains("prune-kept"), byLabel.out());
            assertFalse(docker.ok("image", "prune", "-a", "-f", "--filter", "until=1970-01-01T00:00:00Z").out()
                    .contains("deleted:"), "nothing is older than the epoch");

            DockerCli.Result all = docker.ok("image", "prune", "-a", "-f");
            assertTrue(all.out().contains("deleted: " + kept), all.out());
            assertEquals(used, docker.ok("image", "inspect", "-f", "{{.Id}}", "prune-used:" + run).text(),
                    "an image a container uses stays");
            assertEquals(0, docker.run("image", "inspect", TestEngine.IMAGE.value()).code(),
                    "the base image a container uses stays");
        } finally {
            docker.run("rm", "-f", "uses-" + run);
        }
    }

    @Test
    void removingTheLastTagOfAnUnusedImageFreesItsContent() throws Exception {
        String tag = "rmi-frees:" + run;
        String id = build(tag, "RUN head -c 40000 /dev/urandom > /frees.bin\n");
        long before = get("/v1.41/system/df").get("LayersSize").asLong();
        DockerCli.Result removed = docker.ok("rmi", tag);
        assertTrue(removed.out().contains("Deleted: " + id), removed.out());
        long after = get("/v1.41/system/df").get("LayersSize").asLong();
        assertTrue(before - after >= 40000, "layers went from " + before + " to " + after);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            JsonNode f = item.get(field);
            boolean match = f != null && (f.isArray() ? f.toString().contains("\"" + value + "\"")
                    : f.asText().equals(value));
            if (match) {
                return item;
            }
        }
        throw new AssertionError("no entry with " + field + " " + value + " in " + array);
    }

    private static JsonNode get(String path) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(CLI.engine().options().socket()))) {
            c.write(java.nio.ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            String response = new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            return new ObjectMapper().readTree(body.contains("\r\n") && !body.startsWith("{") ? dechunk(body) : body);
        }
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int line = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, line).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, line + 2, line + 2 + size);
            at = line + 2 + size + 2;
        }
    }
}
