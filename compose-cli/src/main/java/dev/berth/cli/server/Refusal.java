package dev.berth.cli.server;

/**
 * Why the server does not run a request: the first byte of a {@link FrameType#REFUSED} payload. The client turns each
 * into its own exit code (and the launcher into an action: restart the server, or run berth directly).
 */
enum Refusal {
    /** The client speaks another protocol version: restart the server from the client's jar. */
    PROTOCOL_VERSION(1),
    /** The client expects another berth.jar (it was rebuilt): restart the server from the client's jar. */
    JAR_IDENTITY(2),
    /** The command needs a process of its own (a terminal, a daemon): run it with java directly. */
    OWN_PROCESS(3),
    /** The server is going away (idle timeout): start a new one. */
    SHUTTING_DOWN(4),
    /** Berth's sources changed since the server's jar was built ({@link SourceWatch}): rebuild, then restart it. */
    SOURCES_CHANGED(5);

    private final int code;

    Refusal(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
