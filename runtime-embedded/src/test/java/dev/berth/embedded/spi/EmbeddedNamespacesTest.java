package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.oci.HostName;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.runtime.ConflictException;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.RuntimeOperationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IPC, PID and UTS namespace modes through the SPI on real runc containers (root): {@code host} runs in the
 * host's namespace, {@code container:<name>} in the other container's (IPC with its {@code /dev/shm} when that one is
 * {@code shareable}; a private one is refused). The containers are this test's own (own
 * engine root, removed by {@link NetworkTestRuntime}); nothing is written to the host's IPC objects (the shared
 * IPC object is a POSIX message queue in the owner's namespace, which busybox can make by creating its file).
 */
class EmbeddedNamespacesTest {
    private static final ImageRef IMAGE = ImageRef.of("berth-ns-test/busybox:test");

    @RegisterExtension
    final NetworkTestRuntime fixture = new NetworkTestRuntime("berth-ns-e2e", IMAGE.value(), BusyboxImage::build);
    private EmbeddedRuntime runtime;

    @BeforeEach
    void setUp() {
        runtime = fixture.runtime();
    }

    @Test
    void hostModesRunInTheHostsNamespacesWithTheHostsName() throws Exception {
        ContainerId host = start(container("host").pidMode("host").ipcMode("host").utsMode("host"));
        ContainerId own = start(container("own"));

        assertEquals(namespace("pid"), sh(host, "readlink /proc/self/ns/pid"), "the host's PID namespace");
        assertEquals(namespace("ipc"), sh(host, "readlink /proc/self/ns/ipc"), "the host's IPC namespace");
        assertEquals(namespace("uts"), sh(host, "readlink /proc/self/ns/uts"), "the host's UTS namespace");
        assertNotEquals("sleep3600", sh(host, "tr -d '\\0' < /proc/1/cmdline"), "PID 1 is the host's init");
        assertEquals(HostName.current(), sh(host, "hostname"), "the host's name");
        assertEquals("sleep3600", sh(own, "tr -d '\\0' < /proc/1/cmdline"), "a private PID namespace: PID 1 is sleep");
        assertNotEquals(namespace("pid"), sh(own, "readlink /proc/self/ns/pid"));
    }

    @Test
    void containerModesJoinTheOtherContainersIpcAndPidNamespaces() throws Exception {
        ContainerId owner = start(container("owner").ipcMode("shareable").command(List.of("sh", "-c",
                "touch /dev/mqueue/berth-test /dev/shm/berth-test && exec sleep 3601")));
        String ownerName = runtime.inspect(owner).name();
        ContainerId joiner = start(container("joiner").pidMode("container:" + ownerName)
                .ipcMode("container:" + ownerName));

        assertEquals(sh(owner, "readlink /proc/self/ns/pid"), sh(joiner, "readlink /proc/self/ns/pid"));
        assertEquals(sh(owner, "readlink /proc/self/ns/ipc"), sh(joiner, "readlink /proc/self/ns/ipc"));
        assertTrue(sh(joiner, "ps -o args").contains("sleep 3601"), "the owner's process is visible");
        assertTrue(sh(joiner, "ls /dev/mqueue").contains("berth-test"), "so is its message queue (an IPC object)");
        assertEquals("berth-test", sh(joiner, "ls /dev/shm"), "and its /dev/shm, the owner being shareable");
        assertEquals("", sh(start(container("apart")), "ls /dev/mqueue"), "a container of its own sees none");
        assertNotEquals(sh(owner, "readlink /proc/self/ns/uts"), sh(joiner, "readlink /proc/self/ns/uts"),
                "the UTS namespace stays its own");

        runtime.stop(joiner, Duration.ofSeconds(1));
        runtime.stop(owner, Duration.ofSeconds(1));
        RuntimeOperationException e = assertThrows(RuntimeOperationException.class, () -> runtime.start(joiner));
        assertTrue(e.getMessage().contains("not running"), e.getMessage());
    }

    @Test
    void joiningTheIpcOfAPrivateContainerIsAConflictThatSaysWhatToDo() {
        ContainerId owner = start(container("private-owner"));
        String ownerName = runtime.inspect(owner).name();
        ContainerId joiner = runtime.create(container("joiner").ipcMode("container:" + ownerName).build());

        ConflictException e = assertThrows(ConflictException.class, () -> runtime.start(joiner));
        assertTrue(e.getMessage().contains("container " + ownerName + ": non-shareable IPC (hint: use"
                + " IpcMode:shareable for the donor container)"), e.getMessage());
        assertTrue(e.getMessage().contains("'ipc: shareable'"), e.getMessage());
        assertFalse(runtime.inspect(joiner).state().running());
    }

    // ---------------------------------------------------------------- helpers

    private static String namespace(String kind) throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/self/ns", kind)).toString();
    }

    private ContainerSpec.Builder container(String suffix) {
        return ContainerSpec.builder("berth-ns-" + fixture.run() + "-" + suffix, IMAGE)
                .command(List.of("sleep", "3600")).labels(Map.of(NetworkTestRuntime.LABEL, fixture.run()));
    }

    private ContainerId start(ContainerSpec.Builder spec) {
        ContainerId id = runtime.create(spec.build());
        runtime.start(id);
        return ContainerId.of(runtime.inspect(id).id().value());
    }

    /** The trimmed output of {@code script}, which must succeed. */
    private String sh(ContainerId id, String script) {
        ExecResult r = runtime.exec(id, ExecSpec.of("sh", "-c", script));
        assertEquals(0, r.exitCode(), script + ": " + r.stderr());
        return r.stdout().trim();
    }
}
