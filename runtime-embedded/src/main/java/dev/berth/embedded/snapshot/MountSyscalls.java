package dev.berth.embedded.snapshot;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;

/**
 * {@code mount(2)} and {@code umount2(2)} called directly through JNA, so mounting a container root costs a system
 * call instead of a {@code mount(8)} process (6-11 ms each on the start path). {@link #available()} is false when
 * JNA cannot load here; callers then fall back to the commands.
 */
final class MountSyscalls {
    static final int MNT_DETACH = 2;
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

    static boolean available() {
        return AVAILABLE;
    }

    static native int mount(String source, String target, String fstype, NativeLong flags, String data)
            throws LastErrorException;

    static native int umount2(String target, int flags) throws LastErrorException;

    /** Mounts overlayfs at {@code target}; throws with the errno text on failure. */
    static void mountOverlay(String options, String target) {
        mount("overlay", target, "overlay", new NativeLong(0), options);
    }

    /** Unmounts {@code target}; with {@code lazy} detaches it (MNT_DETACH). */
    static void unmount(String target, boolean lazy) {
        umount2(target, lazy ? MNT_DETACH : 0);
    }

    /** A readable reason for a failed call. */
    static String describe(LastErrorException e) {
        return "errno " + e.getErrorCode() + " (" + e.getMessage() + ")";
    }
}
