package dev.berth.embedded.files;

import dev.berth.embedded.EngineException;

/** A path in a container does not exist, is not what the operation needs, or is read-only. */
public final class ContainerPathException extends EngineException {
    /** Why: the path is missing (or not a directory where one is needed), or a read-only mount covers it. */
    public enum Reason { NOT_FOUND, READ_ONLY }

    private final Reason reason;

    public ContainerPathException(String message) {
        this(Reason.NOT_FOUND, message);
    }

    public ContainerPathException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
