package dev.berth.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.embedded.oci.ContainerConfig.Namespaces;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.embedded.testing.ScratchEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /dev/shm} shared as Docker shares it, on runc as root: a container with IPC mode {@code shareable} gets a
 * tmpfs on the host bound as its {@code /dev/shm}, a container joining its IPC namespace binds the same one, a
 * private donor is refused, and the host-side tmpfs never outlives the container's run (stop, exit, remove, failed
 * start, an engine restart after it died). The System V object is made by the test in the donor's IPC namespace
 * and ends with it; the host's IPC namespace is not touched.
 */
class SharedShmTest {
    private static final Namespaces SHAREABLE = new Namespaces(Namespaces.SHAREABLE, null, null);
    private static final long EIGHT_MIB = 8L * 1024 * 1024;

    @TempDir
    Path temp;
    EmbeddedEngine engine;

    @BeforeEach
    void open() {
        ContainerHost.assumeContainersCanRun();
        engine = openEngine();
        BusyboxImage.build(engine.images(), "busybox:test", temp);
    }

    private EmbeddedEngine openEngine() {
        return ScratchEngine.open(temp);
    }

    @AfterEach
    void cleanUp() {
        ScratchEngine.removeAllAndClose(engine, temp);
    }

    @Test
    void aJoinerSharesTheShareableDonorsDevShmAndSystemVObjectsAndKeepsThemWhenTheDonorStops() throws Exception {
        String donor = run(sleeper().namespaces(SHAREABLE).shmSize(EIGHT_MIB));
        String joiner = run(sleeper().namespaces(joining(donor)));
        String apart = run(sleeper());

        sh(donor, "echo from-donor > /dev/shm/donor.txt");
        assertEquals("from-donor", sh(joiner, "cat /dev/shm/donor.txt"), "the joiner reads the donor's file");
        sh(joiner, "echo from-joiner > /dev/shm/joiner.txt");
        assertEquals("from-joiner", sh(donor, "cat /dev/shm/joiner.txt"), "and the donor the joiner's");
        assertEquals("8192", sh(joiner, "df -k /dev/shm | tail -n 1 | awk '{print $2}'"),
                "the joiner's /dev/shm is the donor's tmpfs, with the donor's shm size");
        assertEquals("", sh(apart, "ls /dev/shm"), "a private container has a /dev/shm of its own");

        String segment = systemVSegmentIn(donor);
        assertEquals(List.of(segment), sharedMemoryIds(joiner), "the joiner shares the donor's System V memory");
        assertEquals(List.of(), sharedMemoryIds(apart), "a private container has none");

        assertEquals(1, shmMounts(donor).size(), "the donor's /dev/shm lives on the host: " + shmMounts(donor));
        assertEquals(List.of(), shmMounts(joiner), "a joiner mounts nothing of its own on the host");
        assertEquals(List.of(), shmMounts(apart), "nor does a private container");

        engine.stop(donor, Duration.ofSeconds(1));
        assertEquals(List.of(), shmMounts(donor), "the donor's stop unmounts its host side");
        assertEquals("from-donor", sh(joiner, "cat /dev/shm/donor.txt"), "a running joiner keeps the files");
    }

    @Test
    void aJoinerOfANonShareableDonorIsRefusedWithDockersMessageAndWhatToDo() throws Exception {
        String donor = run(sleeper().name("private-donor"));
        String joiner = engine.create(sleeper().name("joiner").namespaces(joining(donor)).build());

        EngineException e = assertThrows(EngineException.Conflict.class, () -> engine.start(joiner));
        assertTrue(e.getMessage().contains("container private-donor: non-shareable IPC (hint: use IpcMode:shareable"
                + " for the donor container)"), e.getMessage());
        assertTrue(e.getMessage().contains("recreate private-donor with IPC mode shareable"), e.getMessage());
        assertFalse(engine.inspect(joiner).state().isRunning());
        assertEquals(List.of(), Mounts.mountsUnder(temp.resolve("lib/snapshots").resolve(joiner)),
                "the refused start left no root file system mounted");

        engine.stop(donor, Duration.ofSeconds(1));
        EngineException stopped = assertThrows(EngineException.Conflict.class, () -> engine.start(joiner));
        assertTrue(stopped.getMessage().contains("which is not running"), stopped.getMessage());
    }

    @Test
    void theHostSideShmIsGoneAfterStopExitRemoveAndAFailedStart() throws Exception {
        String stopped = run(sleeper().namespaces(SHAREABLE));
        assertEquals(1, shmMounts(stopped).size());
        sh(stopped, "touch /dev/shm/first-run");
        engine.stop(stopped, Duration.ofSeconds(1));
        assertEquals(List.of(), shmMounts(stopped), "stop unmounts it");
        engine.start(stopped);
        assertEquals(1, shmMounts(stopped).size());
        assertEquals("", sh(stopped, "ls /dev/shm"), "a new start mounts a fresh one");
        engine.remove(stopped, true);
        assertEquals(List.of(), shmMounts(stopped), "remove unmounts it");

        String exits = run(ContainerConfig.builder("busybox:test").namespaces(SHAREABLE).command("sh", "-c",
                "sleep 0.2; exit 3"));
        assertEquals(3, engine.await(exits).exitCode());
        assertEquals(List.of(), shmMounts(exits), "an exit unmounts it");

        String broken = engine.create(ContainerConfig.builder("busybox:test").namespaces(SHAREABLE)
                .command("/no/such/program").build());
        assertThrows(RuntimeException.class, () -> engine.start(broken));
        assertEquals(List.of(), shmMounts(broken), "a failed start unmounts it");
        engine.remove(broken, false);
        assertEquals(List.of(), shmMounts(broken));
    }

    @Test
    void aNewEngineUnmountsTheShmOfADonorThatDiedMeanwhileAndKeepsARunningOnes() throws Exception {
        String running = run(sleeper().namespaces(SHAREABLE));
        String dying = run(ContainerConfig.builder("busybox:test").namespaces(SHAREABLE).command("sh", "-c",
                "sleep 1; exit 0"));
        sh(running, "echo kept > /dev/shm/kept.txt");
        engine.close();
        await("the dying container's exit record", () -> Files.exists(temp.resolve("run/containers").resolve(dying)
                .resolve("exit")));
        assertEquals(1, shmMounts(dying).size(), "nobody unmounted it while no engine ran");

        engine = openEngine();
        assertEquals(List.of(), shmMounts(dying), "the new engine cleaned up after the dead container");
        assertEquals(1, shmMounts(running).size(), "the adopted container keeps its /dev/shm");
        String joiner = run(sleeper().namespaces(joining(running)));
        assertEquals("kept", sh(joiner, "cat /dev/shm/kept.txt"), "a joiner after the restart still shares it");
    }

    // ---------------------------------------------------------------- helpers

    private static ContainerConfig.Builder sleeper() {
        return ContainerConfig.builder("busybox:test").command("sleep", "3600");
    }

    private static Namespaces joining(String donor) {
        return new Namespaces(Namespaces.CONTAINER + donor, null, null);
    }

    private String run(ContainerConfig.Builder config) {
        String id = engine.create(config.build());
        engine.start(id);
        return id;
    }

    /** The trimmed output of {@code script} in the container; it must succeed. */
    private String sh(String id, String script) {
        ExecResult result = engine.exec(id, ExecConfig.of("sh", "-c", script));
        assertEquals(0, result.exitCode(), script + ": " + result.stderr());
        return result.stdout().trim();
    }

    /**
     * Makes a System V shared memory segment in the IPC namespace of the running container {@code id} (with the
     * host's ipcmk, entering only that namespace) and returns its id.
     */
    private String systemVSegmentIn(String id) throws IOException, InterruptedException {
        int pid = engine.inspect(id).state().pid();
        Process process = new ProcessBuilder("nsenter", "--ipc=/proc/" + pid + "/ns/ipc", "ipcmk", "-M", "4096")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0, "ipcmk: " + out);
        String segment = out.replaceAll("\\D+", "");
        assertNotEquals("", segment, "ipcmk said: " + out);
        return segment;
    }

    /** The ids of the System V shared memory segments that container {@code id} sees. */
    private List<String> sharedMemoryIds(String id) {
        return sh(id, "cat /proc/sysvipc/shm").lines().skip(1).map(line -> line.trim().split("\\s+")[1]).toList();
    }

    /** The lines of this process's mount table for the host-side /dev/shm of container {@code id}. */
    private static List<String> shmMounts(String id) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(line -> line.contains("/containers/" + id + "/mounts/shm ")).toList();
    }

    private static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }
}
