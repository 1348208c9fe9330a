package dev.berth.api.wait;

/** A service failed, or was not ready in time, by its {@link WaitStrategy}; says which, what and why. */
public final class ServiceNotReadyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final boolean timedOut;

    public ServiceNotReadyException(String service, String message, boolean timedOut) {
        super(message);
        this.service = service;
        this.timedOut = timedOut;
    }

    /** The service that was not ready. */
    public String service() {
        return service;
    }

    /** True when the time ran out, false when the service failed for good. */
    public boolean timedOut() {
        return timedOut;
    }
}
