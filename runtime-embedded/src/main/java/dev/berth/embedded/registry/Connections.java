package dev.berth.embedded.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Describes connection failures in words a user can act on. */
final class Connections {
    private Connections() {
    }

    static String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof ConnectException || root instanceof UnknownHostException || root instanceof SSLException) {
                break;
            }
            root = root.getCause();
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "the connection timed out (is the address right and the registry up?)";
        }
        if (e instanceof HttpTimeoutException) {
            return "the registry did not answer in time";
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "connection refused (is the registry running and the address right?)";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host (check the registry name)";
        }
        if (e instanceof SSLHandshakeException || root instanceof SSLHandshakeException) {
            return "its TLS certificate is not trusted (" + root.getMessage() + "); put the registry's CA certificate in"
                    + " /etc/docker/certs.d/<host:port>/ca.crt or configure a trust file";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
