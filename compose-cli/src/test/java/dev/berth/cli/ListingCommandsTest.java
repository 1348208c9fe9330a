package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ps, ls, images and port: table and JSON formats, filters, exit codes. */
class ListingCommandsTest {
    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void up() {
        SharedFakeRuntimeProvider.reset();
        cli = new Cli(dir, UpDownCommandTest.PROJECT);
        assertEquals(0, cli.run("up", "-d").code());
        assertEquals(0, cli.run("stop", "-t", "0", "db").code());
    }

    @Test
    void psShowsRunningContainersAsATable() {
        Cli.Result r = cli.run("ps");
        assertEquals(0, r.code());
        assertEquals("""
            NAME         IMAGE            SERVICE   STATUS    PORTS
            demo-web-1   busybox:latest   web       running   0.0.0.0:8080->80/tcp
            """, r.out());
    }

    @Test
    void psAllIncludesStoppedContainersWithTheirExitCode() {
        assertEquals("""
            NAME         IMAGE            SERVICE   STATUS         PORTS
            demo-db-1    busybox:latest   db        exited (143)
            demo-web-1   busybox:latest   web       running        0.0.0.0:8080->80/tcp
            """, cli.run("ps", "-a").out());
    }

    @Test
    void psJsonServicesQuietAndStatusFilters() {
        String json = cli.run("ps", "--format", "json").out();
        assertTrue(json.matches("\\{\"ID\":\"[^\"]+\",\"Name\":\"demo-web-1\",\"Names\":\"demo-web-1\","
            + "\"Image\":\"busybox:latest\",\"Project\":\"demo\",\"Service\":\"web\",\"State\":\"running\","
            + "\"Health\":\"\",\"ExitCode\":0,\"Status\":\"Up (Less than a second|\\d+ seconds?)\","
            + "\"RunningFor\":\"[^\"]+ ago\",\"Labels\":\"[^\"]*com.docker.compose.service=web[^\"]*\","
            + "\"Networks\":\"demo_default\",\"Mounts\":\"\",\"LocalVolumes\":\"0\","
            + "\"Ports\":\"0.0.0.0:8080->80/tcp\","
            + "\"Publishers\":\\[\\{\"URL\":\"0.0.0.0\",\"TargetPort\":80,\"PublishedPort\":8080,\"Protocol\":\"tcp\"}]}\n"),
            json);
        String all = cli.run("ps", "-a", "--format", "json").out();
        assertEquals(2, all.lines().count(), "one object per line, as docker compose prints them: " + all);
        assertTrue(all.contains("\"Status\":\"Exited (143) "), all);
        assertTrue(all.contains("\"Name\":\"demo-db-1\"") && all.contains("\"Ports\":\"\",\"Publishers\":[]"),
            "a stopped container publishes nothing: " + all);
        assertEquals("db\nweb\n", cli.run("ps", "-a", "--services").out());
        assertEquals(1, cli.run("ps", "-q").out().lines().count());
        assertEquals("demo-db-1", cli.run("ps", "--status", "exited", "--format", "json").out()
            .replaceAll("\\{[^}]*\"Name\":\"([^\"]+)\".*\n", "$1"));
        assertEquals("db\n", cli.run("ps", "--filter", "status=exited", "--services").out());
    }

    @Test
    void psRejectsUnknownFormatsAndFilters() {
        Cli.Result format = cli.run("ps", "--format", "yaml");
        assertEquals(2, format.code());
        assertTrue(format.err().endsWith("berth: unknown --format yaml; use table or json\n"), format.err());
        assertEquals(2, cli.run("ps", "--filter", "name=x").code());
    }

    @Test
    void lsListsProjectsByLabel() {
        String file = dir.resolve("compose.yaml").toString();
        assertEquals("NAME   STATUS                  CONFIG FILES\n"
            + "demo   exited(1), running(1)   " + file + "\n", cli.run("ls").out());
        assertEquals("[{\"Name\":\"demo\",\"Status\":\"exited(1), running(1)\",\"ConfigFiles\":\"" + file
            + "\"}]\n", cli.run("ls", "--format", "json").out());
        assertEquals("demo\n", cli.run("ls", "-q").out());
    }

    @Test
    void imagesListsTheImageOfEachContainer() {
        Cli.Result r = cli.run("images");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("CONTAINER    IMAGE            IMAGE ID"), r.out());
        assertTrue(r.out().contains("demo-db-1    busybox:latest"), r.out());
        assertTrue(cli.run("images", "--format", "json").out().startsWith("[{\"ContainerName\":\"demo-db-1\","
            + "\"Service\":\"db\",\"Repository\":\"busybox:latest\""));
    }

    @Test
    void portPrintsThePublishedAddress() {
        Cli.Result r = cli.run("port", "web", "80");
        assertEquals(0, r.code(), r.err());
        assertEquals("0.0.0.0:8080\n", r.out());
        Cli.Result missing = cli.run("port", "web", "81");
        assertEquals(1, missing.code());
        assertTrue(missing.err().endsWith("berth: no port 81/tcp published for web\n"), missing.err());
    }
}
