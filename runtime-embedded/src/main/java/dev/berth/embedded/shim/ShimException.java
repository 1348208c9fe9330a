package dev.berth.embedded.shim;

import dev.berth.embedded.oci.OciRuntimeException;

/** berth-shim could not be installed, started or reached; the message says what it reported and what to do. */
public class ShimException extends OciRuntimeException {
    public ShimException(String message) {
        super(message);
    }
}
