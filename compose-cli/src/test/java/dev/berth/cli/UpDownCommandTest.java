package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpDownCommandTest {
    static final String PROJECT = """
        name: demo
        services:
          web:
            image: busybox:latest
            command: ["sh", "-c", "echo serving; sleep infinity"]
            ports: ["8080:80"]
            depends_on: [db]
          db:
            image: busybox:latest
            command: ["sh", "-c", "echo db up; sleep infinity"]
        """;

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        SharedFakeRuntimeProvider.reset();
    }

    @Test
    void upDetachedPrintsPlainProgressAndSaysWhichRuntime() {
        Cli.Result r = new Cli(dir, PROJECT).run("--parallel", "1", "up", "-d");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("""
            using runtime fake (--runtime=fake): shared in-memory fake runtime for tests
            CreateNetwork demo_default done
            CreateContainer demo-db-1 done
            StartContainer demo-db-1 done
            CreateContainer demo-web-1 done
            StartContainer demo-web-1 done
            """, r.err());
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() {
        Cli cli = new Cli(dir, PROJECT);
        Cli.Result r = cli.run("--dry-run", "up", "-d");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("#1 CreateNetwork demo_default: not found\n"), r.out());
        assertEquals("", cli.run("ps", "-a", "-q").out());
    }

    @Test
    void downRemovesEverythingAndWorksFromTheProjectNameAlone() {
        Cli cli = new Cli(dir, PROJECT);
        cli.run("up", "-d");
        Cli.Result r = Cli.raw("--runtime", "fake", "--progress", "plain", "-p", "demo", "-f",
                dir.resolve("missing.yaml").toString(), "down", "-t", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("RemoveContainer demo-web-1 done"), r.err());
        assertTrue(r.err().contains("RemoveNetwork demo_default done"), r.err());
        assertEquals("", cli.run("ps", "-a", "-q").out());
    }

    @Test
    void createMakesContainersWithoutStartingThem() {
        Cli cli = new Cli(dir, PROJECT);
        assertEquals(0, cli.run("create").code());
        assertEquals("""
            NAME         IMAGE            SERVICE   STATUS    PORTS
            demo-db-1    busybox:latest   db        created
            demo-web-1   busybox:latest   web       created
            """, cli.run("ps", "-a").out());
    }

    @Test
    void upAttachedStreamsPrefixedLogsAndReturnsTheExitCodeFrom() {
        Cli cli = new Cli(dir, """
            name: job
            services:
              task:
                image: busybox:latest
                command: ["sh", "-c", "echo working; exit 3"]
              idle:
                image: busybox:latest
                command: ["sh", "-c", "sleep infinity"]
            """);
        Cli.Result r = cli.run("up", "--exit-code-from", "task");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.out().contains("job-task-1 | working\n"), r.out());
        assertTrue(r.err().contains("Aborting on container exit: job-task-1 exited with code 3"), r.err());
        assertEquals("", cli.run("ps", "-q").out(), "abort stops every container");
    }

    @Test
    void upWaitTreatsACompletedOneShotAsDone() {
        Cli cli = new Cli(dir, """
            name: w
            services:
              migrate:
                image: busybox:latest
                command: ["sh", "-c", "exit 0"]
              app:
                image: busybox:latest
                command: ["sh", "-c", "sleep infinity"]
            """);
        Cli.Result r = cli.run("up", "--wait", "--wait-timeout", "5");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void upWaitFailsWithTheServiceThatExitedWithAnError() {
        Cli cli = new Cli(dir, """
            name: wf
            services:
              migrate:
                image: busybox:latest
                command: ["sh", "-c", "echo no database; exit 4"]
              app:
                image: busybox:latest
                command: ["sh", "-c", "sleep infinity"]
            """);
        Cli.Result r = cli.run("up", "--wait", "--wait-timeout", "5");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("berth: container wf-migrate-1 exited with code 4\n"), r.err());
        assertEquals(1, cli.run("ps", "-q").out().lines().count(), "detached: the app keeps running");
    }

    @Test
    void incompatibleFlagsAreUsageErrors() {
        Cli.Result r = new Cli(dir, PROJECT).run("up", "-d", "--abort-on-container-exit");
        assertEquals(2, r.code());
        assertEquals("berth: -d and --abort-on-container-exit/--abort-on-container-failure are incompatible\n",
            r.err());
    }

    @Test
    void unknownServiceIsAnInputError() {
        Cli.Result r = new Cli(dir, PROJECT).run("up", "-d", "nope");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no such service: nope"), r.err());
    }

    @Test
    void jsonProgressIsOneObjectPerEvent() {
        Cli cli = new Cli(dir, PROJECT);
        Cli.Result r = Cli.raw("-f", dir.resolve("compose.yaml").toString(), "--runtime", "fake", "--progress",
            "json", "up", "-d", "db");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.err().split("\n");
        assertTrue(lines[1].startsWith("{\"event\":\"started\",\"step\":1,\"operation\":\"CreateNetwork\""),
            lines[1]);
        assertEquals("{\"event\":\"finished\",\"succeeded\":3,\"failed\":0,\"cancelled\":0,\"interrupted\":false}",
            lines[lines.length - 1]);
    }
}
