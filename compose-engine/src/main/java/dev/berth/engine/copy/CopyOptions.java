package dev.berth.engine.copy;

/**
 * {@code cp}'s flags: {@code -L} follows a symbolic link named as the source (links below it are copied as links);
 * {@code -a} keeps the host's uid and gid on files copied into a container, which otherwise belong to its root (the
 * archive sent says so: runtimes give entries the archive's owners).
 */
public record CopyOptions(boolean followLink, boolean keepOwnership) {
    public static CopyOptions defaults() {
        return new CopyOptions(false, false);
    }
}
