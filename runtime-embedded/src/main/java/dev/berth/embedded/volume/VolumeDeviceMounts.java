package dev.berth.embedded.volume;

import dev.berth.embedded.EngineException;
import dev.berth.embedded.oci.ContainerConfig.BindMount;
import dev.berth.embedded.oci.ContainerConfig.VolumeDevice;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.util.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The devices of local-driver volumes with options, mounted as Docker's local driver does: on a volume's data
 * directory when the first container using it starts, unmounted when the last of them ends. Users are counted per
 * data directory; a directory that is a mount point already (an engine restarted under running containers) is not
 * mounted again.
 */
public final class VolumeDeviceMounts {
    private final Map<String, Set<String>> users = new HashMap<>();

    /**
     * Mounts what {@code container}'s binds need and counts it as a user. If one mount fails, the ones this call
     * made are undone and the failure names the volume directory, the device and mount's reason.
     */
    public synchronized void acquire(String container, List<BindMount> binds) {
        List<BindMount> done = new ArrayList<>();
        try {
            for (BindMount bind : devices(binds)) {
                Set<String> of = users.computeIfAbsent(bind.source(), k -> new HashSet<>());
                if (of.isEmpty() && !Mounts.isMountPoint(Path.of(bind.source()))) {
                    mount(bind.source(), bind.device());
                }
                of.add(container);
                done.add(bind);
            }
        } catch (RuntimeException e) {
            release(container, done);
            throw e;
        }
    }

    /** Counts {@code container} as a user of its volume devices, which are mounted already. */
    public synchronized void adopt(String container, List<BindMount> binds) {
        for (BindMount bind : devices(binds)) {
            users.computeIfAbsent(bind.source(), k -> new HashSet<>()).add(container);
        }
    }

    /** {@code container} no longer uses its volume devices: those without any other user are unmounted. */
    public synchronized void release(String container, List<BindMount> binds) {
        for (BindMount bind : devices(binds)) {
            Set<String> of = users.get(bind.source());
            if (of == null || !of.remove(container) || !of.isEmpty()) {
                continue;
            }
            users.remove(bind.source());
            if (Mounts.isMountPoint(Path.of(bind.source()))) {
                Command.Result result = Command.run(List.of("umount", bind.source()));
                if (!result.ok()) {
                    // still busy (e.g. an exec'd process kept it): detach it so that it goes once unused
                    Command.run(List.of("umount", "-l", bind.source()));
                }
            }
        }
    }

    private static List<BindMount> devices(List<BindMount> binds) {
        return binds.stream().filter(b -> b.device() != null).distinct().toList();
    }

    private static void mount(String dir, VolumeDevice device) {
        List<String> command = new ArrayList<>(List.of("mount", "-t", device.type()));
        if (!device.options().isEmpty()) {
            command.addAll(List.of("-o", device.options()));
        }
        command.addAll(List.of(device.device(), dir));
        Command.Result result = Command.run(command);
        if (!result.ok()) {
            throw new EngineException("cannot mount the volume at " + dir + ": mount of device '" + device.device()
                    + "' (type " + device.type() + (device.options().isEmpty() ? "" : ", options " + device.options())
                    + ") failed: " + result.stderr() + " (fix the volume's driver_opts, or the device, and start"
                    + " again)");
        }
    }
}
