package dev.berth.embedded.snapshot;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;

/**
 * {@code mount(2)} and {@code umount2(2)} called directly through JNA, so mounting a container root (or a shareable
 * {@code /dev/shm}) costs a system call instead of a {@code mount(8)} process (6-11 ms each on the start path). {@link #available()} is false when
 * JNA cannot load here; callers then fall back to the commands.
 */
public final class MountSyscalls {
    static final int MNT_DETACH = 2;
    private static final long MS_NOSUID = 2;
    private static final long MS_NODEV = 4;
    private static final long MS_NOEXEC = 8;
    private static final boolean AVAILABLE = load();

    private MountSyscalls() {
    }

    private static boolean load() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Native.register(MountSyscalls.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    public static boolean available() {
        return AVAILABLE;
    }

    static native int mount(String source, String target, String fstype, NativeLong flags, String data)
            throws LastErrorException;

    static native int umount2(String target, int flags) throws LastErrorException;

    /** Mounts overlayfs at {@code target}; throws with the errno text on failure. */
    static void mountOverlay(String options, String target) {
        mount("overlay", target, "overlay", new NativeLong(0), options);
    }

    /** Mounts a tmpfs with {@code nosuid,nodev,noexec} and {@code options} at {@code target}; throws on failure. */
    public static void mountTmpfs(String source, String options, String target) {
        mount(source, target, "tmpfs", new NativeLong(MS_NOSUID | MS_NODEV | MS_NOEXEC), options);
    }

    /** Unmounts {@code target}; with {@code lazy} detaches it (MNT_DETACH). */
    public static void unmount(String target, boolean lazy) {
        umount2(target, lazy ? MNT_DETACH : 0);
    }

    /** A readable reason for a failed call. */
    public static String describe(LastErrorException e) {
        return "errno " + e.getErrorCode() + " (" + e.getMessage() + ")";
    }
}
