package dev.berth.daemon.tls;

/** The TLS files cannot be used; the message names the file, what is wrong, and what to do. */
public final class TlsSetupException extends Exception {
    public TlsSetupException(String message) {
        super(message);
    }
}
