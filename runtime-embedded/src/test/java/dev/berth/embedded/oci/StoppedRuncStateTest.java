package dev.berth.embedded.oci;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.embedded.image.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * runc's state of a container whose init ended, removed without runc: plain directories stand in for the cgroups
 * (rmdir takes both), the init is a process that ended or this test's own JVM.
 */
class StoppedRuncStateTest {
    @TempDir
    Path temp;
    Path stateDir;
    Path memory;
    Path pids;

    @BeforeEach
    void cgroups() throws IOException {
        stateDir = Files.createDirectories(temp.resolve("runc/c1"));
        memory = Files.createDirectories(temp.resolve("cgroup/memory/berth/c1"));
        pids = Files.createDirectories(temp.resolve("cgroup/pids/berth/c1"));
    }

    private ObjectNode state(long pid, String start) {
        ObjectNode state = Json.MAPPER.createObjectNode();
        state.put("id", "c1");
        state.put("init_process_pid", pid);
        state.put("init_process_start", Long.parseLong(start));
        state.put("intel_rdt_path", "");
        ObjectNode paths = state.putObject("cgroup_paths");
        paths.put("memory", memory.toString());
        paths.put("pids", pids.toString());
        paths.put("cpuacct", temp.resolve("cgroup/cpuacct/berth/c1").toString());
        ObjectNode config = state.putObject("config");
        ArrayNode namespaces = config.putArray("namespaces");
        namespaces.addObject().put("type", "NEWNS").put("path", "");
        namespaces.addObject().put("type", "NEWPID").put("path", "");
        config.putObject("cgroups").put("Systemd", false);
        config.putNull("hooks");
        return state;
    }

    private void write(ObjectNode state) throws IOException {
        Files.write(stateDir.resolve(StoppedRuncState.STATE_FILE), Json.write(state));
    }

    private static long endedPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    /** This JVM's start time in clock ticks since boot, as runc records it for an init. */
    private static String ownStartTime() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    }

    @Test
    void anEndedInitsCgroupsWithTheirSubCgroupsAndTheStateGo() throws Exception {
        Files.createDirectories(memory.resolve("made-inside/deeper"));
        write(state(endedPid(), "12345"));
        assertTrue(StoppedRuncState.remove(stateDir));
        assertFalse(Files.exists(memory));
        assertFalse(Files.exists(pids));
        assertFalse(Files.exists(stateDir));
        assertTrue(Files.isDirectory(temp.resolve("cgroup/memory/berth")), "the parent cgroup stays");
    }

    @Test
    void aPidReusedByAnotherProcessCountsAsEnded() throws Exception {
        write(state(ProcessHandle.current().pid(), "1"));
        assertTrue(StoppedRuncState.remove(stateDir));
        assertFalse(Files.exists(stateDir));
    }

    @Test
    void aRunningInitIsLeftToRunc() throws Exception {
        write(state(ProcessHandle.current().pid(), ownStartTime()));
        assertFalse(StoppedRuncState.remove(stateDir));
        assertTrue(Files.exists(stateDir.resolve(StoppedRuncState.STATE_FILE)));
        assertTrue(Files.isDirectory(memory));
    }

    @Test
    void hooksASharedPidNamespaceSystemdCgroupsAndACreatedContainerAreLeftToRunc() throws Exception {
        ObjectNode hooks = state(endedPid(), "1");
        hooks.with("config").putObject("hooks").putArray("poststop").addObject().put("path", "/bin/true");
        ObjectNode sharedPid = state(endedPid(), "1");
        ((ObjectNode) sharedPid.with("config").withArray("namespaces").get(1)).put("path", "/proc/1/ns/pid");
        ObjectNode hostPid = state(endedPid(), "1");
        hostPid.with("config").withArray("namespaces").remove(1);
        ObjectNode systemd = state(endedPid(), "1");
        systemd.with("config").with("cgroups").put("Systemd", true);
        for (ObjectNode declined : new ObjectNode[] {hooks, sharedPid, hostPid, systemd}) {
            write(declined);
            assertFalse(StoppedRuncState.remove(stateDir), declined.toString());
        }
        write(state(endedPid(), "1"));
        Files.createFile(stateDir.resolve("exec.fifo"));
        assertFalse(StoppedRuncState.remove(stateDir), "created, not started");
        assertTrue(Files.isDirectory(memory) && Files.isDirectory(pids), "nothing was removed");
    }

    @Test
    void aStateThatCannotBeReadIsLeftToRunc() throws Exception {
        assertFalse(StoppedRuncState.remove(stateDir), "no state file");
        Files.writeString(stateDir.resolve(StoppedRuncState.STATE_FILE), "{not json");
        assertFalse(StoppedRuncState.remove(stateDir));
        assertTrue(Files.exists(stateDir));
    }

    @Test
    void aCgroupThatStaysBusyIsLeftToRunc() throws Exception {
        Files.writeString(memory.resolve("tasks"), "4242\n");   // a plain directory with a file refuses rmdir
        write(state(endedPid(), "1"));
        assertFalse(StoppedRuncState.remove(stateDir));
        assertTrue(Files.exists(stateDir.resolve(StoppedRuncState.STATE_FILE)), "the state stays for runc delete");
    }
}
