package dev.berth.embedded.distribution;

/**
 * Progress of one blob of a pull or push.
 *
 * @param image   the reference being pulled or pushed
 * @param blob    the blob's digest
 * @param stage   what is happening to it
 * @param current bytes done so far
 * @param total   the blob's size in bytes
 */
public record TransferProgress(String image, String blob, Stage stage, long current, long total) {
    /** What is happening to a blob. */
    public enum Stage {
        /** Already in the local store (pull) or the registry (push). */
        EXISTS,
        /** Bytes are moving. */
        TRANSFERRING,
        /** Downloaded and verified against its digest, or uploaded. */
        DONE,
        /** A pulled layer is unpacked and ready for containers. */
        UNPACKED,
        /** Mounted from another repository of the same registry instead of uploaded. */
        MOUNTED,
        /** A non-distributable layer, not pushed. */
        NOT_DISTRIBUTABLE
    }
}
