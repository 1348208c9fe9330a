package dev.berth.embedded.net;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One {@link DnsServer} per network on its gateway address, sharing one {@link DnsRegistry}. */
public final class DnsService implements AutoCloseable {
    private final DnsRegistry registry = new DnsRegistry();
    private final int port;
    private final Supplier<List<InetSocketAddress>> hostResolvers;
    private final Map<String, DnsServer> servers = new LinkedHashMap<>();

    /** @param port 53 in production; tests may use another port */
    public DnsService(int port, Supplier<List<InetSocketAddress>> hostResolvers) {
        this.port = port;
        this.hostResolvers = hostResolvers;
    }

    public static DnsService standard() {
        return new DnsService(53, ResolvConf::hostNameservers);
    }

    public DnsRegistry registry() {
        return registry;
    }

    /** Starts the resolver of a network (idempotent). The bridge must carry the gateway address. */
    public synchronized DnsServer start(Network network) {
        DnsServer server = servers.get(network.id());
        if (server == null) {
            server = DnsServer.start(network.id(), network.internal(),
                    new InetSocketAddress(network.gateway(), port), registry, hostResolvers);
            servers.put(network.id(), server);
        }
        return server;
    }

    public synchronized void stop(String networkId) {
        DnsServer server = servers.remove(networkId);
        if (server != null) {
            server.close();
        }
    }

    /** Registers a container's names (container name, service name, aliases) and addresses on a network. */
    public void register(Endpoint endpoint, List<String> names) {
        register(endpoint, names, Map.of());
    }

    /** Registers a container's names and addresses on a network, with its links there (alias → container). */
    public void register(Endpoint endpoint, List<String> names, Map<String, String> links) {
        registry.register(endpoint.networkId(), endpoint.containerId(), endpoint.ipv4(), endpoint.ipv6(), names);
        registry.setLinks(endpoint.networkId(), endpoint.containerId(), links);
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(DnsServer::close);
        servers.clear();
    }
}
