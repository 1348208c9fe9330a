package dev.berth.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real {@code docker} CLI (a client we did not write) against the engine daemon, through
 * {@code DOCKER_HOST=unix://<test socket>} and an empty client configuration. Every name carries a per-run suffix.
 */
class DockerCliTest {
    @RegisterExtension
    static final DockerCliEngine CLI = new DockerCliEngine();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static DockerCli.Result docker(String... args) throws IOException, InterruptedException {
        return CLI.docker().run(args);
    }

    private static DockerCli.Result ok(String... args) throws IOException, InterruptedException {
        return CLI.docker().ok(args);
    }

    @Test
    void versionNegotiatesTheApi() throws Exception {
        DockerCli.Result r = ok("version", "--format", "{{.Server.APIVersion}} {{.Server.Platform.Name}}");
        assertEquals("1.43 Berth Engine", r.text());
    }

    @Test
    void runDetachedThenPsLogsInspectStopRm() throws Exception {
        String name = "cli-" + run;
        String id = ok("run", "-d", "--name", name, TestEngine.IMAGE.value(), "sh", "-c",
                "echo hello from busybox; exec sleep 3600").text();
        try {
            assertTrue(id.matches("[0-9a-f]{64}"), id);
            assertTrue(ok("ps", "--format", "{{.Names}} {{.State}}").out().contains(name + " running"));
            assertTrue(awaitLogs(name, "hello from busybox"), "docker logs shows the output");
            assertEquals("true " + TestEngine.IMAGE.value(),
                    ok("inspect", "--format", "{{.State.Running}} {{.Config.Image}}", name).text());
            ok("stop", "-t", "1", name);
            assertEquals("false", ok("inspect", "--format", "{{.State.Running}}", name).text());
            assertTrue(ok("ps", "-a", "--filter", "name=" + name, "--format", "{{.Status}}").text()
                    .startsWith("Exited ("));
            ok("rm", name);
            assertFalse(ok("ps", "-a", "--format", "{{.Names}}").out().contains(name));
        } finally {
            docker("rm", "-f", name);
        }
    }

    private static boolean awaitLogs(String name, String expected) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (ok("logs", name).out().contains(expected)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void logsFollowEndsWhenTheContainerStops() throws Exception {
        String name = "follow-" + run;
        ok("run", "-d", "--name", name, TestEngine.IMAGE.value(), "sh", "-c", "echo first; sleep 1; echo second");
        try {
            DockerCli.Result follow = ok("logs", "-f", name);
            assertEquals(List.of("first", "second"), follow.out().lines().toList());
        } finally {
            docker("rm", "-f", name);
        }
    }

    @Test
    void statsAndTopOfARunningContainer() throws Exception {
        String name = "stats-" + run;
        ok("run", "-d", "--name", name, TestEngine.IMAGE.value(), "sleep", "3600");
        try {
            assertTrue(ok("top", name).out().contains("sleep 3600"));
            String stats = ok("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", name).text();
            assertEquals(name + " 1", stats);
        } finally {
            docker("rm", "-f", name);
        }
    }

    @Test
    void eventsReportTheLifecycleOfAContainer() throws Exception {
        String name = "events-" + run;
        long since = java.time.Instant.now().getEpochSecond() - 1;
        ok("run", "-d", "--name", name, TestEngine.IMAGE.value(), "sleep", "3600");
        ok("stop", "-t", "1", name);
        ok("rm", name);
        long until = java.time.Instant.now().getEpochSecond() + 1;
        List<String> actions = ok("events", "--since", Long.toString(since), "--until", Long.toString(until),
                "--filter", "container=" + name, "--format", "{{.Type}} {{.Action}}").out().lines().toList();
        assertEquals("container create", actions.get(0), actions.toString());
        assertEquals("container destroy", actions.get(actions.size() - 1), actions.toString());
        assertTrue(actions.containsAll(List.of("container start", "container die", "container stop")),
                actions.toString());
    }

    @Test
    void pruneRemovesStoppedContainersAndUnusedVolumesAndNetworks() throws Exception {
        String stopped = "prune-stopped-" + run;
        String running = "prune-running-" + run;
        String label = "dev.berth.test.prune=" + run;
        ok("run", "--name", stopped, "--label", label, TestEngine.IMAGE.value(), "true");
        ok("run", "-d", "--name", running, "--label", label, TestEngine.IMAGE.value(), "sleep", "3600");
        ok("volume", "create", "--label", label, "prune-vol-" + run);
        ok("network", "create", "--label", label, "prune-net-" + run);
        try {
            String containers = ok("container", "prune", "-f", "--filter", "label=" + label).out();
            assertTrue(containers.contains("Deleted Containers:"), containers);
            List<String> names = ok("ps", "-a", "--format", "{{.Names}}").out().lines().toList();
            assertFalse(names.contains(stopped), names.toString());
            assertTrue(names.contains(running), names.toString());
            // Debian's client speaks API 1.41, where prune takes every unused volume, named ones too
            ok("volume", "prune", "-f", "--filter", "label=" + label);
            assertFalse(ok("volume", "ls", "--format", "{{.Name}}").out().contains("prune-vol-" + run));
            ok("network", "prune", "-f", "--filter", "label=" + label);
            assertFalse(ok("network", "ls", "--format", "{{.Name}}").out().contains("prune-net-" + run));
        } finally {
            docker("rm", "-f", stopped, running);
            docker("volume", "rm", "prune-vol-" + run);
            docker("network", "rm", "prune-net-" + run);
        }
    }

    @Test
    void pauseUnpauseRenameRestartKillAndWait() throws Exception {
        String name = "life-" + run;
        String renamed = "life2-" + run;
        ok("run", "-d", "--name", name, TestEngine.IMAGE.value(), "sleep", "3600");
        try {
            ok("pause", name);
            assertEquals("paused", ok("inspect", "--format", "{{.State.Status}}", name).text());
            ok("unpause", name);
            ok("rename", name, renamed);
            assertEquals("/" + renamed, ok("inspect", "--format", "{{.Name}}", renamed).text());
            String startedBefore = ok("inspect", "--format", "{{.State.StartedAt}}", renamed).text();
            ok("restart", "-t", "1", renamed);
            String startedAfter = ok("inspect", "--format", "{{.State.StartedAt}}", renamed).text();
            assertFalse(startedBefore.equals(startedAfter), "restart starts the container again");
            ok("kill", "-s", "KILL", renamed);
            assertEquals("137", ok("wait", renamed).text());
        } finally {
            docker("rm", "-f", name, renamed);
        }
    }

    @Test
    void imagesListsTheTestImage() throws Exception {
        assertTrue(ok("images", "--format", "{{.Repository}}:{{.Tag}}").out().contains(TestEngine.IMAGE.value()));
    }

    @Test
    void networkCreateLsRm() throws Exception {
        String name = "net-" + run;
        ok("network", "create", name);
        assertTrue(ok("network", "ls", "--format", "{{.Name}}").out().lines().anyMatch(name::equals));
        ok("network", "rm", name);
        assertFalse(ok("network", "ls", "--format", "{{.Name}}").out().lines().anyMatch(name::equals));
    }

    @Test
    void volumeCreateLsRm() throws Exception {
        String name = "vol-" + run;
        assertEquals(name, ok("volume", "create", name).text());
        assertTrue(ok("volume", "ls", "--format", "{{.Name}}").out().lines().anyMatch(name::equals));
        ok("volume", "rm", name);
        assertFalse(ok("volume", "ls", "--format", "{{.Name}}").out().lines().anyMatch(name::equals));
    }

    @Test
    void runRmPrintsTheOutputAndRemovesTheContainer() throws Exception {
        String name = "once-" + run;
        DockerCli.Result r = ok("run", "--rm", "--name", name, TestEngine.IMAGE.value(), "echo", "hi");
        assertEquals("hi", r.text());
        assertFalse(ok("ps", "-a", "--format", "{{.Names}}").out().contains(name));
    }

    @Test
    void runPassesTheExitCodeThrough() throws Exception {
        DockerCli.Result r = docker("run", "--rm", TestEngine.IMAGE.value(), "sh", "-c", "echo bye >&2; exit 3");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("bye"), r.err());
    }

    @Test
    void execRunsInTheContainer() throws Exception {
        String name = "exec-" + run;
        ok("run", "-d", "--name", name, "-e", "GREETING=hello", TestEngine.IMAGE.value(), "sleep", "3600");
        try {
            assertEquals("hello", ok("exec", name, "printenv", "GREETING").text());
            DockerCli.Result failing = docker("exec", name, "sh", "-c", "exit 5");
            assertEquals(5, failing.code(), failing.err());
            DockerCli.Result piped = CLI.docker().runWithInput("line one\nline two\n", "exec", "-i", name, "sh", "-c",
                    "cat; echo done");
            assertEquals(0, piped.code(), piped.err());
            assertEquals(List.of("line one", "line two", "done"), piped.out().lines().toList());
        } finally {
            docker("rm", "-f", name);
        }
    }

    @Test
    void cpCopiesAFileInAndBackOutAndReportsMissingPaths() throws Exception {
        String name = "cp-" + run;
        Path dir = Files.createTempDirectory("berth-docker-cp");
        ok("run", "-d", "--name", name, TestEngine.IMAGE.value(), "sleep", "3600");
        try {
            Path file = dir.resolve("note.txt");
            Files.writeString(file, "carried over\n");
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
            ok("cp", file.toString(), name + ":/tmp/");
            assertEquals("carried over 640", ok("exec", name, "sh", "-c",
                    "printf '%s ' \"$(cat /tmp/note.txt)\"; stat -c %a /tmp/note.txt").text());

            ok("exec", name, "sh", "-c", "echo changed inside > /tmp/note.txt");
            Path back = dir.resolve("back.txt");
            ok("cp", name + ":/tmp/note.txt", back.toString());
            assertEquals("changed inside\n", Files.readString(back));

            DockerCli.Result missing = docker("cp", name + ":/no/such/file", dir.resolve("x").toString());
            assertEquals(1, missing.code(), missing.out());
            // the CLI words a 404 of the archive endpoint itself ("No such container:path: ...")
            assertTrue(missing.err().contains(name + ":/no/such/file"), missing.err());
        } finally {
            docker("rm", "-f", name);
            dev.berth.embedded.util.Files2.deleteTree(dir);
        }
    }
}
