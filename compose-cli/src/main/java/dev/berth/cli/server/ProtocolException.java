package dev.berth.cli.server;

/** The peer broke the frame protocol: an unknown frame type, a frame too large, a truncated payload. */
final class ProtocolException extends Exception {
    ProtocolException(String message) {
        super(message);
    }
}
