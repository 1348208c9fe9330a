package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start, stop, restart, rm, kill, pause, unpause, logs, exec, run, wait, scale, top, version. */
class ContainerCommandsTest {
    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void up() {
        SharedFakeRuntimeProvider.reset();
        cli = new Cli(dir, UpDownCommandTest.PROJECT);
        assertEquals(0, cli.run("up", "-d").code());
    }

    private String status() {
        return cli.run("ps", "-a", "--format", "json").out().replaceAll("\\{[^}]*\"Name\":\"([^\"]+)\"[^}]*"
            + "\"State\":\"([a-z]+)\"[^}]*}", "$1=$2");
    }

    @Test
    void stopStartRestartChangeStateWithPlainProgress() {
        Cli.Result stop = cli.run("stop", "-t", "0", "web");
        assertEquals(0, stop.code());
        assertTrue(stop.err().endsWith("StopContainer demo-web-1 (timeout 0s) done\n"), stop.err());
        assertEquals("[demo-db-1=running,demo-web-1=exited]\n", status());
        Cli.Result start = cli.run("start");
        assertTrue(start.err().endsWith("StartContainer demo-web-1 done\n"), start.err());
        assertEquals("[demo-db-1=running,demo-web-1=running]\n", status());
        Cli.Result restart = cli.run("restart", "-t", "0", "db");
        assertEquals(0, restart.code());
        assertTrue(restart.err().contains("StopContainer demo-db-1 (timeout 0s) done\nStartContainer demo-db-1 done"),
            restart.err());
    }

    @Test
    void pauseUnpauseKillAndRm() {
        Cli.Result pause = cli.run("pause", "db");
        assertEquals(0, pause.code());
        assertTrue(pause.err().endsWith("Container demo-db-1 paused\n"), pause.err());
        assertEquals("[demo-db-1=paused,demo-web-1=running]\n", status());
        assertTrue(cli.run("unpause").err().endsWith("Container demo-db-1 unpaused\n"));
        Cli.Result kill = cli.run("kill", "-s", "SIGTERM", "web");
        assertTrue(kill.err().endsWith("Container demo-web-1 killed\n"), kill.err());
        Cli.Result rm = cli.run("rm", "--force");
        assertEquals(0, rm.code());
        assertTrue(rm.err().endsWith("RemoveContainer demo-web-1 done\n"), rm.err());
        assertEquals("[demo-db-1=running]\n", status());
        Cli.Result stopAndRemove = cli.run("rm", "-s", "-v");
        assertTrue(stopAndRemove.err().contains("RemoveContainer demo-db-1 (with anonymous volumes) done"), stopAndRemove.err());
        assertEquals("[]\n", status());
    }

    @Test
    void logsPrefixTailAndNoPrefix() {
        assertEquals("demo-db-1  | db up\ndemo-web-1 | serving\n", cli.run("logs").out());
        assertEquals("serving\n", cli.run("logs", "--no-log-prefix", "web").out());
        assertEquals("demo-web-1 | serving\n", cli.run("logs", "--tail", "1", "web").out());
        Cli.Result stamped = cli.run("logs", "-t", "db");
        assertTrue(stamped.out().matches("demo-db-1 \\| \\d{4}-\\d\\d-\\d\\dT[^ ]+ db up\n"), stamped.out());
    }

    @Test
    void execPrintsOutputAndReturnsTheExitCode() {
        Cli.Result r = cli.run("exec", "-e", "X=1", "web", "sh", "-c", "printenv X; exit 4");
        assertEquals(4, r.code());
        assertEquals("1\n", r.out());
        Cli.Result missing = cli.run("exec", "--index", "2", "web", "true");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("service web has no container number 2"), missing.err());
    }

    @Test
    void runCreatesAOneOffAndReturnsItsExitCode() {
        Cli.Result r = cli.run("run", "--rm", "-e", "GREETING=hi", "web", "sh", "-c", "printenv GREETING; exit 5");
        assertEquals(5, r.code(), r.err());
        assertEquals("hi\n", r.out());
        Cli.Result detached = cli.run("run", "-d", "--no-deps", "--name", "oneoff", "web", "sh", "-c", "exit 0");
        assertEquals(0, detached.code(), detached.err());
        assertEquals("oneoff\n", detached.out());
        Cli.Result named = cli.run("run", "-d", "web");
        assertTrue(named.out().matches("demo-web-run-[0-9a-f]{12}\n"), named.out());
    }

    @Test
    void waitPrintsExitCodes() {
        cli.run("kill", "db");
        Cli.Result r = cli.run("wait", "db");
        assertEquals(137, r.code(), r.err());
        assertEquals("demo-db-1 137\n", r.out());
    }

    @Test
    void scaleAddsAndRemovesReplicas() {
        Cli.Result r = cli.run("scale", "web=3");
        assertEquals(0, r.code(), r.err());
        assertEquals("[demo-db-1=running,demo-web-1=running,demo-web-2=running,demo-web-3=running]\n", status());
        assertEquals(0, cli.run("scale", "web=1").code());
        assertEquals("[demo-db-1=running,demo-web-1=running]\n", status());
        assertEquals(2, cli.run("scale", "web").code());
    }

    @Test
    void versionShortAndJson() {
        assertEquals("dev\n", Cli.raw("version", "--short").out());
        assertEquals("{\"version\":\"dev\"}\n", Cli.raw("version", "--format", "json").out());
        assertEquals("Berth version dev\n", Cli.raw("version").out());
    }
}
