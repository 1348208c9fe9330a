package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.runtime.ConflictException;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.Mount;
import dev.berth.runtime.MountPoint;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.PortBinding;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import dev.berth.runtime.VolumeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the adapter adds on top of the engine: volumes, network records, refusals. Real runc containers, as root. */
class EmbeddedRuntimeTest {
    private static final ImageRef IMAGE = ImageRef.of("busybox:test");

    @TempDir
    Path temp;
    EmbeddedRuntime runtime;

    @BeforeEach
    void open() {
        ContainerHost.assumeContainersCanRun();
        runtime = EmbeddedRuntime.open(EngineOptions.at(temp.resolve("lib"), temp.resolve("run")));
        BusyboxImage.build(runtime.engine().images(), IMAGE.value(), temp);
    }

    @AfterEach
    void cleanUp() {
        if (runtime == null) {
            return;
        }
        for (ContainerSummary c : runtime.list(LabelSelector.all())) {
            runtime.remove(c.id(), true, true);
        }
        // bridges and their iptables rules live outside the temp dir: remove them even when a test failed
        for (dev.berth.runtime.NetworkSummary n : runtime.listNetworks(LabelSelector.all())) {
            runtime.removeNetwork(n.name());
        }
        runtime.close();
        assertEquals(List.of(), Mounts.mountsUnder(temp), "no mounts may be left behind");
    }

    private List<String> stdout(ContainerId id) {
        List<String> out = new ArrayList<>();
        try (LogStream logs = runtime.logs(id, LogOptions.ALL)) {
            logs.forEachRemaining(e -> {
                if (e.stream() == LogEntry.Stream.STDOUT) {
                    out.add(e.line());
                }
            });
        }
        return out;
    }

    private ContainerId run(ContainerSpec spec) throws InterruptedException {
        ContainerId id = runtime.create(spec);
        runtime.start(id);
        assertEquals(0, runtime.waitForExit(id), () -> "container failed: " + stdout(id));
        return id;
    }

    @Test
    void anEmptyNamedVolumeGetsTheImageContentOnFirstMountAndKeepsDataAcrossContainers() throws Exception {
        runtime.createVolume(VolumeSpec.local("conf", Map.of("k", "v")));
        ContainerId first = run(ContainerSpec.builder("first", IMAGE).command(List.of("sh", "-c",
                "grep extra /etc/group; echo kept > /etc/marker")).mounts(List.of(Mount.Volume.named("conf", "/etc")))
                .build());
        assertEquals(List.of("extra:x:2000:app"), stdout(first));
        assertEquals(List.of(new MountPoint(MountPoint.Type.VOLUME, "conf", "/etc", false)),
                runtime.inspect(first).mounts());
        runtime.remove(first, false, true);

        ContainerId second = run(ContainerSpec.builder("second", IMAGE).command(List.of("cat", "/etc/marker"))
                .mounts(List.of(Mount.Volume.named("conf", "/etc"))).build());
        assertEquals(List.of("kept"), stdout(second), "named volumes outlive containers, even with removeVolumes");
        assertEquals(Map.of("k", "v"), runtime.inspectVolume("conf").labels());
        assertFalse(runtime.inspectVolume("conf").anonymous());
    }

    @Test
    void noCopyLeavesTheVolumeEmpty() throws Exception {
        runtime.createVolume(VolumeSpec.local("empty", Map.of()));
        ContainerId id = run(ContainerSpec.builder("nocopy", IMAGE).command(List.of("ls", "-A", "/mnt")).mounts(
                List.of(new Mount.Volume(java.util.Optional.of("empty"), "/mnt", false, true))).build());
        assertEquals(List.of(), stdout(id));
    }

    @Test
    void anonymousVolumesStayWhenRemovingWithoutRemoveVolumes() {
        ContainerId id = runtime.create(ContainerSpec.builder("anon", IMAGE).command(List.of("true"))
                .mounts(List.of(Mount.Volume.anonymous("/cache"))).build());
        String volume = runtime.inspect(id).mounts().get(0).source();
        assertThrows(ConflictException.class, () -> runtime.removeVolume(volume, true), "in use, even with force");
        runtime.remove(id, false, false);
        assertTrue(runtime.inspectVolume(volume).anonymous());
        runtime.removeVolume(volume, false);
    }

    @Test
    void containersOnANetworkGetLoopbackAndOneInterfaceThere() throws Exception {
        runtime.createNetwork(NetworkSpec.bridge("front", Map.of()));
        ContainerId id = run(ContainerSpec.builder("netted", IMAGE).command(List.of("sh", "-c",
                "grep -c : /proc/net/dev; grep -o 'eth0:' /proc/net/dev"))
                .networks(List.of(NetworkAttachment.of("front", "web"))).build());
        assertEquals(List.of("2", "eth0:"), stdout(id));
        assertEquals(List.of("netted"), runtime.inspectNetwork("front").containers());
        runtime.remove(id, false, true);
        assertEquals(List.of(), runtime.inspectNetwork("front").containers());
        runtime.removeNetwork("front");
    }

    @Test
    void portsWithoutANetworkAreRefusedAndNothingIsCreated() {
        UnsupportedOperationRuntimeException e = assertThrows(UnsupportedOperationRuntimeException.class,
                () -> runtime.create(ContainerSpec.builder("ported", IMAGE).ports(List.of(PortBinding.tcp(8080, 80)))
                        .mounts(List.of(Mount.Volume.anonymous("/cache"))).build()));
        assertTrue(e.getMessage().contains("ports:"), e.getMessage());
        assertEquals(List.of(), runtime.list(LabelSelector.all()));
        assertEquals(List.of(), runtime.listVolumes(LabelSelector.all()), "no anonymous volume left behind");
    }

    @Test
    void imagesAreListedAndAnImageInUseIsNotRemovedWithoutForce() {
        runtime.create(ContainerSpec.builder("user", IMAGE).build());
        assertEquals(List.of("busybox:test"), runtime.listImages().stream().flatMap(i -> i.tags().stream())
                .map(t -> t.replace("docker.io/library/", "")).toList());
        assertThrows(ConflictException.class, () -> runtime.removeImage(IMAGE, false));
    }
}
