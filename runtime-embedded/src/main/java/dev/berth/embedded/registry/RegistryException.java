package dev.berth.embedded.registry;

/**
 * A registry operation that failed. {@link #kind()} says how, so callers can tell a registry that cannot be reached
 * from credentials it refused; the message names the registry and what to do next.
 */
public class RegistryException extends RuntimeException {
    /** How the operation failed. */
    public enum Kind {
        /** No connection could be made (refused, unknown host, TLS handshake failed, timeout). */
        UNREACHABLE,
        /** The registry refused the credentials, or needs some and none are stored. */
        UNAUTHORIZED,
        /** The repository, manifest or blob does not exist. */
        NOT_FOUND,
        /** Content did not match its digest. */
        DIGEST_MISMATCH,
        /** The registry answered something the protocol does not allow, or an image format Berth refuses. */
        PROTOCOL
    }

    private final Kind kind;
    private final String registry;

    public RegistryException(Kind kind, String registry, String message) {
        this(kind, registry, message, null);
    }

    public RegistryException(Kind kind, String registry, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.registry = registry;
    }

    public Kind kind() {
        return kind;
    }

    public String registry() {
        return registry;
    }
}
