package dev.berth.embedded;

/** An engine operation failed; subclasses say why (not found, conflict). The message ends with what to do. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No container with that id, id prefix or name. */
    public static class NotFound extends EngineException {
        public NotFound(String reference) {
            super("no such container: " + reference + " (list containers to see what exists)");
        }
    }

    /** The operation conflicts with the container's state or another container (name in use, still running). */
    public static class Conflict extends EngineException {
        public Conflict(String message) {
            super(message);
        }
    }
}
