package dev.berth.embedded.oci;

/** The OCI runtime binary failed or is unavailable; the message carries its stderr and what to do. */
public class OciRuntimeException extends RuntimeException {
    public OciRuntimeException(String message) {
        super(message);
    }
}
