package dev.berth.daemon.api;

import dev.berth.runtime.io.DetachKeyFilter;
import dev.berth.runtime.io.DetachKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * A client's input on a hijacked connection, on its way to a process. On a terminal it is watched for the detach
 * keys as dockerd does ({@code detachKeys}, default {@code ctrl-p,ctrl-q}): the keys themselves never reach the
 * process, a partial match is held back until the next byte decides, and a complete one ends the copy.
 */
final class ClientInput {
    private ClientInput() {
    }

    /**
     * The detach keys a request asks for ({@code notation} empty or absent: Docker's default).
     *
     * @throws ApiException 400 naming the keys when they are not Docker's notation
     */
    static DetachKeys detachKeys(Optional<String> notation) {
        Optional<String> given = notation.filter(k -> !k.isEmpty());
        if (given.isEmpty()) {
            return DetachKeys.DEFAULT;
        }
        try {
            return DetachKeys.parse(given.get());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid detach keys (" + given.get() + ") provided: " + e.getMessage());
        }
    }

    /**
     * Copies {@code from} to {@code to} until the input ends (false) or, when {@code keys} are given, the client
     * typed them (true: it detached).
     */
    static boolean copy(InputStream from, OutputStream to, Optional<DetachKeys> keys) throws IOException {
        DetachKeyFilter filter = keys.map(DetachKeyFilter::new).orElse(null);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = from.read(buffer)) >= 0) {
            if (filter == null) {
                to.write(buffer, 0, n);
                continue;
            }
            DetachKeyFilter.Passed passed = filter.accept(buffer, n);
            to.write(passed.forward());
            if (passed.detach()) {
                return true;
            }
        }
        return false;
    }
}
