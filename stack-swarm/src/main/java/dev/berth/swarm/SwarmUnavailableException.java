package dev.berth.swarm;

/** No Swarm manager can be reached at the configured endpoint; the message says why and what to do. */
public final class SwarmUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SwarmUnavailableException(String message) {
        super(message);
    }

    public SwarmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
