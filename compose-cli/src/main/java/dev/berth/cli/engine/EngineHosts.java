package dev.berth.cli.engine;

import dev.berth.cli.error.UserException;
import dev.berth.daemon.DaemonOptions;
import dev.berth.daemon.TlsEndpoint;
import dev.berth.daemon.tls.ServerTls;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * dockerd's listening flags read for the berth engine: {@code -H unix:///PATH} moves the socket, {@code -H
 * tcp://HOST[:PORT]} (port 2376 by default) adds one TCP address, served only with {@code --tlsverify}, that is TLS
 * with client certificates from {@code --tlscacert}. The TLS files default to {@code ca.pem}, {@code cert.pem} and
 * {@code key.pem} in {@code $DOCKER_CERT_PATH} or {@code ~/.docker}, as dockerd's do.
 */
record EngineHosts(List<String> hosts, boolean tlsVerify, Optional<Path> caCert, Optional<Path> cert,
                   Optional<Path> key) {
    static final int TLS_PORT = 2376;

    /** {@code options} with the hosts applied; {@code resolve} makes relative paths absolute. */
    DaemonOptions apply(DaemonOptions options, Map<String, String> env, Function<String, Path> resolve) {
        DaemonOptions out = options;
        InetSocketAddress tcp = null;
        for (String host : hosts) {
            if (host.startsWith("unix://")) {
                String path = host.substring("unix://".length());
                if (path.isEmpty()) {
                    throw new UserException("berth engine: -H " + host + " names no socket path (write"
                            + " unix:///run/berth/engine.sock)");
                }
                out = out.withSocket(resolve.apply(path));
            } else if (host.startsWith("tcp://")) {
                if (tcp != null) {
                    throw new UserException("berth engine: -H " + host + ": the engine serves one TCP address;"
                            + " give -H tcp:// once");
                }
                tcp = tcpAddress(host);
            } else {
                throw new UserException("berth engine: -H " + host + " is neither unix:///PATH nor tcp://HOST:PORT");
            }
        }
        if (tcp == null) {
            if (tlsVerify || caCert.isPresent() || cert.isPresent() || key.isPresent()) {
                throw new UserException("berth engine: the TLS flags apply to a TCP address, and none was given:"
                        + " add -H tcp://127.0.0.1:" + TLS_PORT + " or leave them out");
            }
            return out;
        }
        if (!tlsVerify) {
            throw new UserException("berth engine: -H tcp://" + tcp.getHostString() + ":" + tcp.getPort()
                    + " needs --tlsverify: the engine serves TCP only to clients with a certificate from your CA"
                    + " (anyone who can reach the port could otherwise run containers as root); add --tlsverify"
                    + " --tlscacert CA.pem --tlscert CERT.pem --tlskey KEY.pem, or use the unix socket");
        }
        Path dir = env.containsKey("DOCKER_CERT_PATH") && !env.get("DOCKER_CERT_PATH").isBlank()
                ? resolve.apply(env.get("DOCKER_CERT_PATH"))
                : Path.of(env.getOrDefault("HOME", "/root"), ".docker");
        ServerTls defaults = ServerTls.in(dir);
        ServerTls tls = new ServerTls(caCert.map(p -> resolve.apply(p.toString())).orElse(defaults.caCert()),
                cert.map(p -> resolve.apply(p.toString())).orElse(defaults.cert()),
                key.map(p -> resolve.apply(p.toString())).orElse(defaults.key()));
        return out.withTcp(new TlsEndpoint(tcp, tls));
    }

    private static InetSocketAddress tcpAddress(String host) {
        URI uri;
        try {
            uri = new URI(host);
        } catch (URISyntaxException e) {
            throw new UserException("berth engine: -H " + host + " is not an address: " + e.getReason()
                    + " (write tcp://HOST:PORT, e.g. tcp://127.0.0.1:" + TLS_PORT + ")");
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new UserException("berth engine: -H " + host + " has a path; write tcp://HOST:PORT");
        }
        String name = uri.getHost();
        if (name == null && uri.getAuthority() != null && uri.getAuthority().startsWith(":")) {
            name = "0.0.0.0";
        }
        if (name == null) {
            throw new UserException("berth engine: -H " + host + " names no host (write tcp://HOST:PORT, e.g."
                    + " tcp://127.0.0.1:" + TLS_PORT + ")");
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return new InetSocketAddress(name, uri.getPort() < 0 ? TLS_PORT : uri.getPort());
    }
}
