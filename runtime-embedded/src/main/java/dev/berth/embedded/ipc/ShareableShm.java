package dev.berth.embedded.ipc;

import com.sun.jna.LastErrorException;
import dev.berth.embedded.snapshot.MountSyscalls;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.snapshot.SnapshotException;
import dev.berth.embedded.util.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host-side {@code /dev/shm} of a container whose IPC mode is {@code shareable}, kept as Docker keeps it: a tmpfs
 * ({@code nosuid,nodev,noexec}, mode 1777, the container's shm size) at {@code <container dir>/mounts/shm}, mounted
 * when the container starts and bound as its {@code /dev/shm}; a container joining its IPC namespace binds the same
 * directory. Unmounted when the container ends; a joiner that still runs keeps the file system through its own bind.
 */
public final class ShareableShm {
    private ShareableShm() {
    }

    /** Where the tmpfs of the container whose state directory is {@code containerDir} is mounted. */
    public static Path path(Path containerDir) {
        return containerDir.resolve("mounts").resolve("shm");
    }

    public static boolean mounted(Path containerDir) {
        return Mounts.isMountPoint(path(containerDir));
    }

    /**
     * Mounts a fresh tmpfs of {@code sizeBytes} for the container and returns its path; one left mounted by an
     * earlier run (an engine that died before it could clean up) is unmounted first.
     */
    public static Path mount(Path containerDir, long sizeBytes) {
        Path point = path(containerDir);
        unmount(containerDir);
        try {
            Files.createDirectories(point);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String options = "mode=1777,size=" + sizeBytes;
        if (MountSyscalls.available()) {
            try {
                MountSyscalls.mountTmpfs("shm", options, point.toString());
                return point;
            } catch (LastErrorException e) {
                throw new SnapshotException("cannot mount the shareable /dev/shm at " + point + ": "
                        + MountSyscalls.describe(e) + " (the engine must run as root; check the shm size " + sizeBytes
                        + ")");
            }
        }
        Command.Result result = Command.run(List.of("mount", "-t", "tmpfs", "-o", "nosuid,nodev,noexec," + options,
                "shm", point.toString()));
        if (!result.ok()) {
            throw new SnapshotException("cannot mount the shareable /dev/shm at " + point + ": " + result.stderr()
                    + " (the engine must run as root; check the shm size " + sizeBytes + ")");
        }
        return point;
    }

    /** Unmounts the container's tmpfs if it is mounted (detached when busy), so that nothing is left on the host. */
    public static void unmount(Path containerDir) {
        Path point = path(containerDir);
        while (Mounts.isMountPoint(point)) {
            if (!unmountedOnce(point)) {
                throw new SnapshotException("cannot unmount the shareable /dev/shm at " + point + " (see what holds it"
                        + " with 'fuser -m " + point + "', then remove the container again)");
            }
        }
    }

    private static boolean unmountedOnce(Path point) {
        if (MountSyscalls.available()) {
            try {
                MountSyscalls.unmount(point.toString(), false);
                return true;
            } catch (LastErrorException e) {
                try {
                    MountSyscalls.unmount(point.toString(), true);
                    return true;
                } catch (LastErrorException lazy) {
                    return false;
                }
            }
        }
        return Command.run(List.of("umount", point.toString())).ok()
                || Command.run(List.of("umount", "-l", point.toString())).ok();
    }
}
