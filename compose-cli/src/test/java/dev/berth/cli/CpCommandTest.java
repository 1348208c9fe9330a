package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.ContainerArchive;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.LabelSelector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cp on the fake runtime: docker's destination rules in both directions, streams, replicas and dry runs. */
class CpCommandTest {
    @TempDir
    Path dir;

    private Cli cli;
    private Path host;

    @BeforeEach
    void up() throws IOException {
        SharedFakeRuntimeProvider.reset();
        cli = new Cli(dir, UpDownCommandTest.PROJECT);
        assertEquals(0, cli.run("up", "-d", "--scale", "web=2").code());
        host = Files.createDirectories(dir.resolve("host"));
        Files.writeString(host.resolve("note.txt"), "hello\n");
        Files.setPosixFilePermissions(host.resolve("note.txt"), PosixFilePermissions.fromString("rwxr-x---"));
        Path site = Files.createDirectories(host.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<h1>hi</h1>\n");
        Files.createDirectories(site.resolve("css"));
        Files.writeString(site.resolve("css/main.css"), "body{}\n");
        Files.createSymbolicLink(site.resolve("home.html"), Path.of("index.html"));
    }

    @Test
    void aFileOntoAnExistingDirectoryLandsInsideItWithItsMode() throws IOException {
        Cli.Result r = cli.run("cp", host.resolve("note.txt").toString(), "db:/tmp");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Copied " + host.resolve("note.txt") + " to demo-db-1:/tmp"), r.err());
        Map<String, TarArchiveEntry> files = tree("db", 1, "/tmp");
        assertEquals(0750, files.get("tmp/note.txt").getMode() & 07777);
        assertEquals("hello\n", content("db", 1, "/tmp/note.txt"));
    }

    @Test
    void aFileOntoAMissingPathTakesThatName() throws IOException {
        assertEquals(0, cli.run("cp", host.resolve("note.txt").toString(), "db:/etc/greeting").code());
        assertEquals("hello\n", content("db", 1, "/etc/greeting"));
    }

    @Test
    void aFileIntoAMissingDirectoryAssertedByASlashIsRefused() {
        Cli.Result r = cli.run("cp", host.resolve("note.txt").toString(), "db:/srv/");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("destination directory /srv/ does not exist"), r.err());
    }

    @Test
    void aDirectoryOntoAMissingPathIsCreatedAndOntoADirectoryGoesInside() throws IOException {
        ok(cli.run("cp", host.resolve("site").toString(), "db:/www"));
        assertEquals("<h1>hi</h1>\n", content("db", 1, "/www/index.html"));
        assertEquals("body{}\n", content("db", 1, "/www/css/main.css"));
        assertEquals("index.html", tree("db", 1, "/www").get("www/home.html").getLinkName(),
                "links are copied as links");

        assertEquals(0, cli.run("cp", host.resolve("site").toString(), "db:/tmp").code());
        assertEquals("<h1>hi</h1>\n", content("db", 1, "/tmp/site/index.html"));
    }

    @Test
    void dotCopiesTheContentsOfADirectory() throws IOException {
        ok(cli.run("cp", host.resolve("site") + "/.", "db:/tmp"));
        assertEquals("<h1>hi</h1>\n", content("db", 1, "/tmp/index.html"));
        assertFalse(tree("db", 1, "/tmp").containsKey("tmp/site"));
    }

    @Test
    void aDirectoryOntoAFileIsRefused() {
        Cli.Result r = cli.run("cp", host.resolve("site").toString(), "db:/etc/hostname");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot copy a directory onto the file /etc/hostname"), r.err());
    }

    @Test
    void copiesOutOfAContainerFollowTheSameRules() throws IOException {
        ok(cli.run("cp", host.resolve("site").toString(), "db:/www"));
        Path out = Files.createDirectories(dir.resolve("out"));

        assertEquals(0, cli.run("cp", "db:/etc/hostname", out.toString()).code());
        assertTrue(Files.isRegularFile(out.resolve("hostname")));
        assertEquals(0, cli.run("cp", "db:/etc/hostname", out.resolve("name.txt").toString()).code());
        assertEquals(Files.readString(out.resolve("hostname")), Files.readString(out.resolve("name.txt")));

        assertEquals(0, cli.run("cp", "db:/www", out.resolve("copy").toString()).code());
        assertEquals("body{}\n", Files.readString(out.resolve("copy/css/main.css")));
        assertEquals(Path.of("index.html"), Files.readSymbolicLink(out.resolve("copy/home.html")));
        assertEquals(0, cli.run("cp", "db:/www", out.toString()).code());
        assertTrue(Files.isRegularFile(out.resolve("www/index.html")));
        assertEquals(0, cli.run("cp", "db:/www/.", out.toString()).code());
        assertTrue(Files.isRegularFile(out.resolve("index.html")));

        Cli.Result ontoFile = cli.run("cp", "db:/www", out.resolve("hostname").toString());
        assertEquals(1, ontoFile.code());
        assertTrue(ontoFile.err().contains("cannot copy a directory onto the file"), ontoFile.err());
        Cli.Result missingParent = cli.run("cp", "db:/etc/hostname", out.resolve("no/such/file").toString());
        assertEquals(1, missingParent.code());
        assertTrue(missingParent.err().contains("does not exist"), missingParent.err());
        Cli.Result missingSource = cli.run("cp", "db:/no/such", out.toString());
        assertEquals(1, missingSource.code());
        assertTrue(missingSource.err().contains("no such file or directory"), missingSource.err());
    }

    @Test
    void followLinkCopiesTheTargetUnderTheLinksName() throws IOException {
        ok(cli.run("cp", host.resolve("site").toString(), "db:/www"));
        Path out = Files.createDirectories(dir.resolve("out"));
        assertEquals(0, cli.run("cp", "db:/www/home.html", out.toString()).code());
        assertTrue(Files.isSymbolicLink(out.resolve("home.html")));
        Files.delete(out.resolve("home.html"));
        assertEquals(0, cli.run("cp", "-L", "db:/www/home.html", out.toString()).code());
        assertFalse(Files.isSymbolicLink(out.resolve("home.html")));
        assertEquals("<h1>hi</h1>\n", Files.readString(out.resolve("home.html")));

        assertEquals(0, cli.run("cp", "-L", host.resolve("site/home.html").toString(), "db:/tmp").code());
        assertEquals("<h1>hi</h1>\n", content("db", 1, "/tmp/home.html"));
    }

    @Test
    void aDashWritesAndReadsTarStreams() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        Cli.Result out = cli.run(InputStreamOf.empty(), tar, "cp", "db:/etc/hostname", "-");
        assertEquals(0, out.code(), out.err());
        assertEquals("", out.out());
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
            assertEquals("hostname", in.getNextEntry().getName());
        }

        ByteArrayOutputStream upload = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(upload)) {
            byte[] bytes = "streamed\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("streamed.txt");
            e.setSize(bytes.length);
            e.setMode(0100644);
            t.putArchiveEntry(e);
            t.write(bytes);
            t.closeArchiveEntry();
        }
        Cli.Result in = cli.run(new ByteArrayInputStream(upload.toByteArray()), new ByteArrayOutputStream(),
                "cp", "-", "db:/tmp");
        assertEquals(0, in.code(), in.err());
        assertEquals("streamed\n", content("db", 1, "/tmp/streamed.txt"));
        Cli.Result notADirectory = cli.run(new ByteArrayInputStream(upload.toByteArray()),
                new ByteArrayOutputStream(), "cp", "-", "db:/etc/hostname");
        assertEquals(1, notADirectory.code());
        assertTrue(notADirectory.err().contains("must be an existing directory"), notADirectory.err());
    }

    @Test
    void copyingToAServiceWritesEveryReplicaUnlessAnIndexIsGiven() throws IOException {
        assertEquals(0, cli.run("cp", host.resolve("note.txt").toString(), "web:/tmp/all.txt").code());
        assertEquals("hello\n", content("web", 1, "/tmp/all.txt"));
        assertEquals("hello\n", content("web", 2, "/tmp/all.txt"));

        assertEquals(0, cli.run("cp", "--index", "2", host.resolve("note.txt").toString(), "web:/tmp/two.txt").code());
        assertTrue(tree("web", 2, "/tmp").containsKey("tmp/two.txt"));
        assertFalse(tree("web", 1, "/tmp").containsKey("tmp/two.txt"));

        Cli.Result noSuchIndex = cli.run("cp", "--index", "7", host.resolve("note.txt").toString(), "web:/tmp");
        assertEquals(1, noSuchIndex.code());
        assertTrue(noSuchIndex.err().contains("service \"web\" has no container number 7"), noSuchIndex.err());
    }

    @Test
    void archiveModeKeepsTheHostsOwnersAndWithoutItRootOwnsTheCopy() throws IOException {
        Files.setAttribute(host.resolve("note.txt"), "unix:uid", 1234);
        Files.setAttribute(host.resolve("note.txt"), "unix:gid", 2345);
        ok(cli.run("cp", "-a", host.resolve("note.txt").toString(), "db:/tmp/kept.txt"));
        ok(cli.run("cp", host.resolve("note.txt").toString(), "db:/tmp/rooted.txt"));
        TarArchiveEntry kept = tree("db", 1, "/tmp/kept.txt").get("kept.txt");
        assertEquals(1234, kept.getLongUserId());
        assertEquals(2345, kept.getLongGroupId());
        TarArchiveEntry rooted = tree("db", 1, "/tmp/rooted.txt").get("rooted.txt");
        assertEquals(0, rooted.getLongUserId());
        assertEquals(0, rooted.getLongGroupId());
    }

    @Test
    void aDryRunSaysWhatItWouldCopyAndCopiesNothing() throws IOException {
        Cli.Result r = cli.run("--dry-run", "cp", host.resolve("note.txt").toString(), "web:/tmp/dry.txt");
        assertEquals(0, r.code(), r.err());
        assertEquals("Copy " + host.resolve("note.txt") + " to demo-web-1:/tmp/dry.txt\n"
                + "Copy " + host.resolve("note.txt") + " to demo-web-2:/tmp/dry.txt\n", r.out());
        assertFalse(tree("web", 1, "/tmp").containsKey("tmp/dry.txt"));
    }

    @Test
    void argumentsNameExactlyOneService() {
        Cli.Result both = cli.run("cp", "web:/etc/hostname", "db:/tmp");
        assertEquals(1, both.code());
        assertTrue(both.err().contains("copying between services is not supported"), both.err());
        Cli.Result none = cli.run("cp", host.resolve("note.txt").toString(), dir.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("name a service on one side"), none.err());
        Cli.Result unknown = cli.run("cp", host.resolve("note.txt").toString(), "cache:/tmp");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no container found for service \"cache\""), unknown.err());
    }

    private static void ok(Cli.Result r) {
        assertEquals(0, r.code(), r.err());
    }

    /** The entries of the archive of {@code path} in the service's container number {@code n}, by name. */
    private static Map<String, TarArchiveEntry> tree(String service, int n, String path) throws IOException {
        Map<String, TarArchiveEntry> entries = new TreeMap<>();
        try (ContainerArchive archive = SharedFakeRuntimeProvider.runtime().copyFromContainer(container(service, n),
                Path.of(path)); TarArchiveInputStream in = new TarArchiveInputStream(archive.tar())) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName().replaceAll("/$", ""), e);
            }
        }
        return entries;
    }

    private static String content(String service, int n, String path) throws IOException {
        try (ContainerArchive archive = SharedFakeRuntimeProvider.runtime().copyFromContainer(container(service, n),
                Path.of(path)); TarArchiveInputStream in = new TarArchiveInputStream(archive.tar())) {
            in.getNextEntry();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ContainerId container(String service, int n) {
        return SharedFakeRuntimeProvider.runtime().list(LabelSelector.of("com.docker.compose.project", "demo"))
                .stream().filter(c -> c.name().equals("demo-" + service + "-" + n)).map(ContainerSummary::id)
                .findFirst().orElseThrow();
    }

    private static final class InputStreamOf {
        static java.io.InputStream empty() {
            return new ByteArrayInputStream(new byte[0]);
        }
    }
}
