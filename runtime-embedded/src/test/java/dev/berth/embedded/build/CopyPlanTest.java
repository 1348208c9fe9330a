package dev.berth.embedded.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY/ADD planning without containers: destinations, globs, .dockerignore, owners, modes and content hashes. */
class CopyPlanTest {
    @TempDir
    Path temp;
    Path context;
    Path layer;
    RootfsView rootfs;

    @BeforeEach
    void setUp() throws Exception {
        context = Files.createDirectories(temp.resolve("ctx"));
        Files.createDirectories(context.resolve("src/sub"));
        Files.writeString(context.resolve("src/a.txt"), "a");
        Files.writeString(context.resolve("src/b.log"), "b");
        Files.writeString(context.resolve("src/sub/c.txt"), "c");
        Files.writeString(context.resolve("top.txt"), "top");
        layer = Files.createDirectories(temp.resolve("layer"));
        Files.createDirectories(layer.resolve("existing"));
        rootfs = new RootfsView(List.of(layer));
    }

    private CopyPlan plan(List<String> sources, String dest, DockerIgnore ignore) {
        return CopyPlan.plan("COPY", 7, new CopyPlan.SourceRoot(context, ignore, "build context", false), sources, dest,
                Map.of(), null, null, rootfs);
    }

    private static List<String> dests(CopyPlan plan) {
        return plan.items().stream().map(i -> i.kind() + " " + i.dest()).toList();
    }

    @Test
    void destinationsFollowDockerRules() {
        assertEquals(List.of("FILE /x"), dests(plan(List.of("top.txt"), "/x", DockerIgnore.NONE)));
        assertEquals(List.of("FILE /x/top.txt"), dests(plan(List.of("top.txt"), "/x/", DockerIgnore.NONE)));
        assertEquals(List.of("FILE /existing/top.txt"), dests(plan(List.of("top.txt"), "/existing", DockerIgnore.NONE)));
        assertEquals(List.of("FILE /d/a.txt", "FILE /d/b.log", "DIR /d/sub", "FILE /d/sub/c.txt"),
                dests(plan(List.of("src"), "/d", DockerIgnore.NONE)), "a directory's contents are copied, not the directory");
        assertEquals(List.of("FILE /g/a.txt", "FILE /g/c.txt"),
                dests(plan(List.of("src/*.txt", "src/sub/*.txt"), "/g/", DockerIgnore.NONE)));
    }

    @Test
    void dockerignoreExcludesFilesFromDirectoriesAndNamedSources() {
        DockerIgnore ignore = DockerIgnore.parse("**/*.log\nsrc/sub\n");
        assertEquals(List.of("FILE /d/a.txt"), dests(plan(List.of("src"), "/d", ignore)));
        DockerfileException e = assertThrows(DockerfileException.class, () -> plan(List.of("src/b.log"), "/d", ignore));
        assertEquals(7, e.line());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void refusesSourcesOutsideTheContext() throws Exception {
        Files.writeString(temp.resolve("outside.txt"), "x");
        Files.createSymbolicLink(context.resolve("link.txt"), temp.resolve("outside.txt"));
        assertTrue(assertThrows(DockerfileException.class, () -> plan(List.of("../outside.txt"), "/", DockerIgnore.NONE))
                .getMessage().contains("outside the build context"));
        assertTrue(assertThrows(DockerfileException.class, () -> plan(List.of("link.txt"), "/", DockerIgnore.NONE))
                .getMessage().contains("through a symlink"));
        assertTrue(assertThrows(DockerfileException.class, () -> plan(List.of("nothing*"), "/", DockerIgnore.NONE))
                .getMessage().contains("not found"));
        DockerfileException url = assertThrows(DockerfileException.class, () -> CopyPlan.plan("ADD", 3,
                new CopyPlan.SourceRoot(context, DockerIgnore.NONE, "build context", false),
                List.of("https://example.com/x.tgz"), "/", Map.of(), null, null, rootfs));
        assertTrue(url.getMessage().contains("needs network access"), url.getMessage());
    }

    @Test
    void hashChangesWithContentOwnerAndModeOnly() throws Exception {
        String before = plan(List.of("src"), "/d", DockerIgnore.NONE).hash();
        assertEquals(before, plan(List.of("src"), "/d", DockerIgnore.NONE).hash());
        Files.setLastModifiedTime(context.resolve("src/a.txt"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(before, plan(List.of("src"), "/d", DockerIgnore.NONE).hash(), "mtime is not part of the key");
        Files.writeString(context.resolve("src/a.txt"), "changed");
        assertNotEquals(before, plan(List.of("src"), "/d", DockerIgnore.NONE).hash());
        CopyPlan owned = CopyPlan.plan("COPY", 1, new CopyPlan.SourceRoot(context, DockerIgnore.NONE, "build context", false),
                List.of("src"), "/d", Map.of(), new CopyPlan.Owner(5, 6), 0700, rootfs);
        assertTrue(owned.items().stream().allMatch(i -> i.uid() == 5 && i.gid() == 6 && i.mode() == 0700));
    }

    @Test
    void writesParentsHeredocsAndExtractsArchives() throws Exception {
        dev.berth.embedded.testing.TarBuilder tar = new dev.berth.embedded.testing.TarBuilder()
                .dir("pkg", 0755).file("pkg/r.txt", "r", 0600);
        tar.writeGzipTo(context.resolve("pkg.tgz"));
        CopyPlan plan = CopyPlan.plan("ADD", 1, new CopyPlan.SourceRoot(context, DockerIgnore.NONE, "build context", false),
                List.of("pkg.tgz", "<<EOF"), "/opt/", Map.of("<<EOF", "hello\n"), new CopyPlan.Owner(7, 7), null, rootfs);
        Path out = temp.resolve("layer.tar");
        try (LayerTarWriter writer = new LayerTarWriter(out)) {
            plan.write(writer, rootfs);
        }
        StringBuilder listing = new StringBuilder();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(out))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                listing.append(e.getName()).append(' ').append(Integer.toOctalString(e.getMode() & 07777)).append(' ')
                        .append(e.getLongUserId()).append('\n');
            }
        }
        assertEquals("""
                opt/ 755 7
                opt/<<EOF 644 7
                opt/pkg/ 755 0
                opt/pkg/r.txt 600 0
                """, listing.toString());
    }
}
