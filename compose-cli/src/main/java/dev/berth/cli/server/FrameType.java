package dev.berth.cli.server;

import java.util.Optional;

/** The kinds of frame on a CLI server connection, each one byte on the wire. See docs/design/cli-server.md. */
enum FrameType {
    /** Client to server, first and once: the request (protocol version, jar identity, argv, cwd, env, terminal). */
    REQUEST('Q'),
    /** Client to server: bytes of standard input answering a {@link #READ}; empty means end of input. */
    STDIN('i'),
    /** Client to server: a signal the client received (u32 signal number). */
    SIGNAL('s'),
    /** Server to client: the request runs; standard streams follow. */
    ACCEPTED('A'),
    /** Server to client: the request does not run here (u8 reason, then a UTF-8 message); the connection ends. */
    REFUSED('R'),
    /** Server to client: bytes for standard output. */
    STDOUT('o'),
    /** Server to client: bytes for standard error. */
    STDERR('e'),
    /** Server to client: the command reads standard input (u32: at most this many bytes). */
    READ('r'),
    /** Server to client: the command has ended (u32 exit code); the connection ends. */
    EXIT('x');

    private final byte code;

    FrameType(char code) {
        this.code = (byte) code;
    }

    byte code() {
        return code;
    }

    static Optional<FrameType> of(byte code) {
        for (FrameType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
