package dev.berth.embedded.image;

/** An archive entry tried to escape the directory it is extracted into. */
public class UnsafeArchiveException extends ImageStoreException {
    public UnsafeArchiveException(String entry, String reason) {
        super("refusing archive entry '" + entry + "': " + reason + " (the archive is malformed or malicious)");
    }
}
