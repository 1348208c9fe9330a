package dev.berth.cli.server;

import java.nio.file.attribute.UserPrincipal;
import jdk.net.UnixDomainPrincipal;

/**
 * Whether a connecting process may use the server: only its own user, as the kernel reports the peer
 * ({@code SO_PEERCRED}). Requests run with the server's rights, so nobody else — root included — is served.
 */
final class PeerCheck {
    private PeerCheck() {
    }

    static boolean sameUser(UnixDomainPrincipal peer, UserPrincipal self) {
        return peer != null && peer.user().equals(self);
    }
}
