package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.embedded.util.Files2;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.tck.ContainerRuntimeContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The runtime contract on real runc containers, as root, in a temporary engine root with a busybox image. */
class EmbeddedRuntimeContractTest extends ContainerRuntimeContract {
    private static final ImageRef IMAGE = ImageRef.of("berth-tck/busybox:test");
    private static Path temp;
    private static EmbeddedRuntime runtime;

    @BeforeAll
    static void openRuntime() throws IOException {
        ContainerHost.assumeContainersCanRun();
        temp = Files.createTempDirectory("berth-contract");
        runtime = EmbeddedRuntime.open(EngineOptions.at(temp.resolve("lib"), temp.resolve("run")));
        BusyboxImage.build(runtime.engine().images(), IMAGE.value(), temp);
    }

    /** Each test removed what it made (the contract's @AfterEach); nothing may be left mounted or running. */
    @AfterAll
    static void closeRuntime() throws Exception {
        if (runtime == null) {
            return;
        }
        List<String> leftContainers = runtime.list(LabelSelector.all()).stream().map(ContainerSummary::name).toList();
        List<Path> leftMounts;
        try {
            for (ContainerSummary c : runtime.list(LabelSelector.all())) {
                runtime.remove(c.id(), true, true);
            }
            // bridges and their iptables rules live outside the temp dir
            for (dev.berth.runtime.NetworkSummary n : runtime.listNetworks(LabelSelector.all())) {
                runtime.removeNetwork(n.name());
            }
        } finally {
            runtime.close();
            leftMounts = Mounts.mountsUnder(temp);
            for (Path mount : leftMounts) {
                new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
            }
            Files2.deleteTree(temp);
            dev.berth.embedded.oci.CgroupParent.host().removeIfEmpty();
        }
        assertEquals(List.of(), leftContainers, "containers left behind");
        assertEquals(List.of(), leftMounts, "mounts left behind");
    }

    @Override
    protected ContainerRuntime runtime() {
        return runtime;
    }

    @Override
    protected ImageRef testImage() {
        return IMAGE;
    }
}
