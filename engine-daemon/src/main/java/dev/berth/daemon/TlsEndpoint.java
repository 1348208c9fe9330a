package dev.berth.daemon;

import dev.berth.daemon.tls.ServerTls;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP address the daemon serves besides its unix socket, always with TLS and client authentication ({@code tls}):
 * dockerd's {@code -H tcp://ADDR:PORT --tlsverify}.
 */
public record TlsEndpoint(InetSocketAddress address, ServerTls tls) {
    public TlsEndpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
    }
}
