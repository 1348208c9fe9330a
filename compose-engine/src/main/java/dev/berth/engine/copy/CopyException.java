package dev.berth.engine.copy;

/** A copy that cannot be done as asked (a missing path, a directory onto a file, an archive entry that escapes). */
public final class CopyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CopyException(String message) {
        super(message);
    }

    public CopyException(String message, Throwable cause) {
        super(message, cause);
    }
}
