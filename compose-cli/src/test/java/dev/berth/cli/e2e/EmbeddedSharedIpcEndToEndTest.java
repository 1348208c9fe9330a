package dev.berth.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.cli.e2e.EngineUnderTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ipc: service:x} through the berth command on the embedded engine: x is created shareable without saying
 * so, y sees what x writes to {@code /dev/shm} (and the same IPC namespace), and {@code down} leaves no host-side
 * {@code /dev/shm} mounted; a donor that says {@code ipc: private} is refused before anything is created.
 */
class EmbeddedSharedIpcEndToEndTest {

    private EngineUnderTest engine;

    @BeforeEach
    void setUp() throws IOException {
        engine = EngineUnderTest.withBusybox("ipc");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aServiceJoiningAnothersIpcSharesItsDevShmAndDownLeavesNoMount() throws Exception {
        engine.writeCompose("""
                name: e2eipc
                services:
                  x:
                    image: e2e/busybox:latest
                    command: ["sleep", "300"]
                  y:
                    image: e2e/busybox:latest
                    command: ["sleep", "300"]
                    ipc: service:x
                """);
        Run up = engine.berth("up", "-d");
        assertEquals(0, up.code(), up.err());

        assertEquals(0, sh("x", "echo written-by-x > /dev/shm/note").code());
        Run read = sh("y", "cat /dev/shm/note");
        assertEquals(0, read.code(), read.err());
        assertEquals("written-by-x", read.out().trim(), "y reads x's /dev/shm");
        assertEquals(sh("x", "readlink /proc/self/ns/ipc").out(), sh("y", "readlink /proc/self/ns/ipc").out(),
                "one IPC namespace");
        assertEquals(1, shmMounts().size(), "x's /dev/shm is on the host while it runs: " + shmMounts());

        Run down = engine.berth("down");
        assertEquals(0, down.code(), down.err());
        assertEquals(List.of(), shmMounts(), "down leaves no /dev/shm mounted on the host");
    }

    @Test
    void joiningAServiceThatSaysIpcPrivateIsRefusedNamingBoth() throws Exception {
        engine.writeCompose("""
                name: e2eipcprivate
                services:
                  x:
                    image: e2e/busybox:latest
                    command: ["sleep", "300"]
                    ipc: private
                  y:
                    image: e2e/busybox:latest
                    command: ["sleep", "300"]
                    ipc: service:x
                """);
        Run up = engine.berth("up", "-d");
        assertNotEquals(0, up.code(), up.out());
        assertTrue(up.err().contains("services.y.ipc: 'service:x'") && up.err().contains("write 'ipc: shareable' on x"),
                up.err());
        Run ps = engine.berth("ps", "-a", "-q");
        assertEquals("", ps.out().trim(), "nothing was created");
    }

    private Run sh(String service, String script) throws Exception {
        return engine.berth("exec", "-T", service, "sh", "-c", script);
    }

    /** The host-side /dev/shm mounts below this test's engine root, from this process's mount table. */
    private List<String> shmMounts() throws IOException {
        Path root = engine.root().toAbsolutePath();
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(line -> line.contains(root + "/") && line.contains("/mounts/shm ")).toList();
    }
}
