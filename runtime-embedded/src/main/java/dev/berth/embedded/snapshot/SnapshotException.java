package dev.berth.embedded.snapshot;

/** A container root file system (or its shareable {@code /dev/shm}) could not be mounted, unmounted or removed. */
public class SnapshotException extends RuntimeException {
    public SnapshotException(String message) {
        super(message);
    }
}
