package dev.berth.embedded.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.testing.BusyboxImage;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.embedded.util.Command;
import dev.berth.embedded.util.Files2;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.Mount;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.VolumesFrom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Volumes on real runc containers: local driver options (a bind-backed and a tmpfs volume), subpaths,
 * {@code volumes_from} and bind propagation. Every mount a test makes is undone after it, also on failure.
 */
class EmbeddedVolumesTest {
    private static final ImageRef IMAGE = ImageRef.of("berth-volumes/busybox:test");
    private static Path temp;
    private static EmbeddedRuntime runtime;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<Path> hostMounts = new ArrayList<>();

    @BeforeAll
    static void openRuntime() throws IOException {
        ContainerHost.assumeContainersCanRun();
        temp = Files.createTempDirectory("berth-volumes");
        runtime = EmbeddedRuntime.open(EngineOptions.at(temp.resolve("lib"), temp.resolve("run")));
        BusyboxImage.build(runtime.engine().images(), IMAGE.value(), temp);
    }

    @AfterEach
    void removeContainersAndHostMounts() {
        try {
            for (ContainerSummary c : runtime.list(LabelSelector.all())) {
                runtime.remove(c.id(), true, true);
            }
            runtime.listVolumes(LabelSelector.all()).forEach(v -> runtime.removeVolume(v.name(), true));
        } finally {
            // innermost first
            for (int i = hostMounts.size() - 1; i >= 0; i--) {
                Command.run(List.of("umount", "-l", hostMounts.get(i).toString()));
            }
        }
    }

    @AfterAll
    static void closeRuntime() throws Exception {
        if (runtime == null) {
            return;
        }
        List<Path> leftMounts;
        try {
            runtime.close();
        } finally {
            leftMounts = Mounts.mountsUnder(temp);
            for (Path mount : leftMounts) {
                new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
            }
            Files2.deleteTree(temp);
            dev.berth.embedded.oci.CgroupParent.host().removeIfEmpty();
        }
        assertEquals(List.of(), leftMounts, "mounts left behind");
    }

    private String name(String suffix) {
        return "berth-vol-" + run + "-" + suffix;
    }

    private ContainerSpec.Builder sleeper(String suffix) {
        return ContainerSpec.builder(name(suffix), IMAGE).command(List.of("sh", "-c", "sleep 3600"));
    }

    private ContainerId started(ContainerSpec spec) {
        ContainerId id = runtime.create(spec);
        runtime.start(id);
        return id;
    }

    private static String sh(ContainerId id, String script) {
        ExecResult result = runtime.exec(id, ExecSpec.of("sh", "-c", script));
        assertEquals(0, result.exitCode(), () -> "'" + script + "' failed: " + result.stderr());
        return result.stdout().trim();
    }

    private Path volumeData(String volume) {
        return temp.resolve("lib/volumes").resolve(volume).resolve("_data").toAbsolutePath();
    }

    @Test
    void aBindBackedVolumeKeepsItsDataInTheHostDirectory() throws Exception {
        Path host = Files.createDirectories(temp.resolve("host-" + run));
        String volume = name("bound");
        runtime.createVolume(new VolumeSpec(volume, "local", Map.of(),
                Map.of("type", "none", "o", "bind", "device", host.toString())));
        assertTrue(Files.readString(temp.resolve("lib/volumes").resolve(volume).resolve("volume.json"))
                .contains(host.toString()), "the options are persisted with the volume");
        assertFalse(Mounts.isMountPoint(volumeData(volume)), "nothing is mounted before a container uses it");

        ContainerId writer = started(sleeper("writer").mounts(List.of(Mount.Volume.named(volume, "/data"))).build());
        ContainerId reader = started(sleeper("reader").mounts(List.of(Mount.Volume.named(volume, "/data"))).build());
        sh(writer, "echo hello > /data/greeting");
        assertEquals("hello\n", Files.readString(host.resolve("greeting")));
        assertEquals("hello", sh(reader, "cat /data/greeting"));

        runtime.remove(writer, true, false);
        assertTrue(Mounts.isMountPoint(volumeData(volume)), "still mounted while the reader runs");
        runtime.remove(reader, true, false);
        assertFalse(Mounts.isMountPoint(volumeData(volume)), "unmounted when the last user stopped");
        runtime.removeVolume(volume, false);
        assertEquals("hello\n", Files.readString(host.resolve("greeting")), "removing the volume keeps the host data");
    }

    @Test
    void aTmpfsTypedVolumeIsMemoryBackedAndSharedWhileUsed() {
        String volume = name("mem");
        runtime.createVolume(new VolumeSpec(volume, "local", Map.of(),
                Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=2m")));
        ContainerId a = started(sleeper("mem-a").mounts(List.of(Mount.Volume.named(volume, "/data"))).build());
        ContainerId b = started(sleeper("mem-b").mounts(List.of(Mount.Volume.named(volume, "/data"))).build());
        assertTrue(sh(a, "grep ' /data ' /proc/mounts").startsWith("tmpfs /data tmpfs"), sh(a, "cat /proc/mounts"));
        sh(a, "echo shared > /data/f");
        assertEquals("shared", sh(b, "cat /data/f"));
        assertNotEquals(0, runtime.exec(a, ExecSpec.of("sh", "-c", "dd if=/dev/zero of=/data/big bs=1024 count=4096"))
                .exitCode(), "the size option limits the volume");
    }

    @Test
    void aMissingDeviceIsRefusedNamingThePath() throws Exception {
        String missing = temp.resolve("no-such-dir-" + run).toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runtime.createVolume(
                new VolumeSpec(name("bad"), "local", Map.of(), Map.of("type", "none", "o", "bind", "device", missing))));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
        assertThrows(NotFoundException.class, () -> runtime.inspectVolume(name("bad")), "nothing half-made");

        Path gone = Files.createDirectories(temp.resolve("gone-" + run));
        String volume = name("gone");
        runtime.createVolume(new VolumeSpec(volume, "local", Map.of(),
                Map.of("type", "none", "o", "bind", "device", gone.toString())));
        Files.delete(gone);
        RuntimeException later = assertThrows(RuntimeException.class, () -> started(sleeper("gone")
                .mounts(List.of(Mount.Volume.named(volume, "/data"))).build()));
        assertTrue(later.getMessage().contains(gone.toString()), later.getMessage());
    }

    @Test
    void aDeviceThatCannotBeMountedFailsTheStartNamingItAndLeavesNothingMounted() {
        String volume = name("unmountable");
        runtime.createVolume(new VolumeSpec(volume, "local", Map.of(),
                Map.of("type", "tmpfs", "device", "berth-test-tmpfs", "o", "no-such-tmpfs-option=1")));
        ContainerId id = runtime.create(sleeper("unmountable").mounts(List.of(Mount.Volume.named(volume, "/data")))
                .build());
        RuntimeException e = assertThrows(RuntimeException.class, () -> runtime.start(id));
        assertTrue(e.getMessage().contains("berth-test-tmpfs") && e.getMessage().contains(volumeData(volume).toString()),
                e.getMessage());
        assertFalse(Mounts.isMountPoint(volumeData(volume)));
    }

    @Test
    void aSubpathMountsADirectoryOfTheVolume() {
        String volume = name("sub");
        runtime.createVolume(VolumeSpec.local(volume, Map.of()));
        ContainerId whole = started(sleeper("whole").mounts(List.of(Mount.Volume.named(volume, "/data"))).build());
        sh(whole, "mkdir -p /data/app/conf && echo port=1 > /data/app/conf/app.ini && ln -s / /data/root");
        ContainerId part = started(sleeper("part").mounts(List.of(new Mount.Volume(Optional.of(volume), "/etc/app",
                true, false, Optional.of("app/conf")))).build());
        assertEquals("port=1", sh(part, "cat /etc/app/app.ini"));
        assertNotEquals(0, runtime.exec(part, ExecSpec.of("touch", "/etc/app/x")).exitCode(), "read-only");
        assertTrue(runtime.inspect(part).mounts().stream().anyMatch(m -> m.source().equals(volume)),
                "a subpath mount is reported as the volume's");

        NotFoundException missing = assertThrows(NotFoundException.class, () -> runtime.create(sleeper("nosub")
                .mounts(List.of(new Mount.Volume(Optional.of(volume), "/x", false, false, Optional.of("absent"))))
                .build()));
        assertTrue(missing.getMessage().contains("absent"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> runtime.create(sleeper("up").mounts(List.of(
                new Mount.Volume(Optional.of(volume), "/x", false, false, Optional.of("app/../..")))).build()));
        assertThrows(IllegalArgumentException.class, () -> runtime.create(sleeper("link").mounts(List.of(
                new Mount.Volume(Optional.of(volume), "/x", false, false, Optional.of("root/etc")))).build()));
    }

    @Test
    void volumesFromSharesTheSourcesVolumesReadOnlyWhenAsked() throws Exception {
        String volume = name("from");
        runtime.createVolume(VolumeSpec.local(volume, Map.of()));
        Path host = Files.createDirectories(temp.resolve("from-host-" + run));
        ContainerId source = started(sleeper("source").mounts(List.of(Mount.Volume.named(volume, "/data"),
                new Mount.Bind(host.toString(), "/host", false, Optional.empty(), false))).build());
        sh(source, "echo from-source > /data/f && echo bound > /host/g");
        ContainerId ro = started(sleeper("ro").volumesFrom(List.of(new VolumesFrom(name("source"), true))).build());
        ContainerId rw = started(sleeper("rw").volumesFrom(List.of(new VolumesFrom(name("source"), false))).build());
        assertEquals("from-source", sh(ro, "cat /data/f"));
        assertEquals("bound", sh(ro, "cat /host/g"));
        assertNotEquals(0, runtime.exec(ro, ExecSpec.of("touch", "/data/x")).exitCode(), ":ro is read-only");
        sh(rw, "echo back > /data/h");
        assertEquals("back", sh(source, "cat /data/h"));
    }

    @Test
    void anRsharedBindSeesMountsMadeOnTheHostAfterTheStart() throws Exception {
        Path shared = Files.createDirectories(temp.resolve("shared-" + run));
        Path inner = Files.createDirectories(shared.resolve("inner"));
        Command.check(List.of("mount", "--bind", shared.toString(), shared.toString()), "bind the test directory");
        hostMounts.add(shared);
        Command.check(List.of("mount", "--make-shared", shared.toString()), "make it shared");
        ContainerId shares = started(sleeper("rshared").mounts(List.of(new Mount.Bind(shared.toString(), "/mnt",
                false, Optional.of("rshared"), false))).build());
        ContainerId isolated = started(sleeper("private").mounts(List.of(new Mount.Bind(shared.toString(), "/mnt",
                false, Optional.of("rprivate"), false))).build());

        Command.check(List.of("mount", "-t", "tmpfs", "tmpfs", inner.toString()), "mount under the shared bind");
        hostMounts.add(inner);
        Files.writeString(inner.resolve("marker"), "on tmpfs");
        assertEquals("on tmpfs", sh(shares, "cat /mnt/inner/marker"));
        assertNotEquals(0, runtime.exec(isolated, ExecSpec.of("cat", "/mnt/inner/marker")).exitCode(),
                "an rprivate bind does not receive it");
    }
}
