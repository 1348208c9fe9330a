package dev.berth.embedded.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes container ports on the host. Every host port is bound first (fixed, first free of a range, or
 * ephemeral), so a taken port is an error before anything else happens, and the bound socket keeps the port
 * reserved. Then, for host addresses other than loopback, DNAT rules (nat {@code BERTH-PORTS}) plus a FORWARD accept,
 * in iptables for IPv4 host addresses and in ip6tables for IPv6 ones when the container has an IPv6 address;
 * finally a userland proxy on the bound socket, which serves loopback (loopback-originated traffic skips DNAT, as
 * with docker-proxy). An IPv6 host address forwards to the container's IPv6 address when its network has IPv6, else
 * (proxy only) to its IPv4 address, as docker-proxy does. {@link Publication#close()} removes rules and proxies.
 */
public final class PortPublisher {
    private final Firewall firewall;

    public PortPublisher(Firewall firewall) {
        this.firewall = firewall;
    }

    /** What was published for one container on one network; close it to unpublish. */
    public final class Publication implements AutoCloseable {
        private final String tag;
        private final List<PublishedPort> ports;
        private final List<AutoCloseable> proxies;
        private final boolean hasRules;
        private final boolean hasIpv6Rules;
        private boolean closed;

        private Publication(String tag, List<PublishedPort> ports, List<AutoCloseable> proxies, boolean hasRules,
                            boolean hasIpv6Rules) {
            this.tag = tag;
            this.ports = List.copyOf(ports);
            this.proxies = List.copyOf(proxies);
            this.hasRules = hasRules;
            this.hasIpv6Rules = hasIpv6Rules;
        }

        public List<PublishedPort> ports() {
            return ports;
        }

        /** The comment tag of this publication's iptables rules. */
        public String tag() {
            return tag;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            stopProxies();
            if (hasRules) {
                // loopback-only ports have no rules: no iptables-save on their way out
                firewall.removeTagged(tag);
            }
            if (hasIpv6Rules) {
                firewall.forIpv6().removeTagged(tag);
            }
        }

        /**
         * Stops the userland proxies (and frees their host ports) but keeps the iptables rules: for an engine that
         * closes while the container runs on; the next engine publishes the same ports again.
         */
        public synchronized void stopProxies() {
            closed = true;
            for (AutoCloseable proxy : proxies) {
                try {
                    proxy.close();
                } catch (Exception ignored) {
                    // keep closing the others
                }
            }
        }
    }

    /**
     * Publishes {@code bindings} for a container reachable at {@code containerIp} on {@code bridge}.
     *
     * @throws NetworkException listing every port that cannot be bound; nothing is published then
     */
    public Publication publish(String bridge, String containerIp, List<PortBinding> bindings) {
        return publish(bridge, containerIp, "", bindings);
    }

    /**
     * Publishes {@code bindings} for a container reachable at {@code containerIp} and, when not empty,
     * {@code containerIpv6} on {@code bridge}; IPv6 host addresses forward to {@code containerIpv6} if there is one.
     *
     * @throws NetworkException listing every port that cannot be bound; nothing is published then
     */
    public Publication publish(String bridge, String containerIp, String containerIpv6, List<PortBinding> bindings) {
        List<Closeable> sockets = new ArrayList<>();
        List<PublishedPort> ports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (PortBinding binding : bindings) {
            try {
                NetworkChannel socket = reserve(binding);
                sockets.add(socket);
                int port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
                String target = binding.ipv6Host() && !containerIpv6.isEmpty() ? containerIpv6 : containerIp;
                ports.add(new PublishedPort(binding.protocol(), binding.hostIp(), port, target,
                        binding.containerPort()));
            } catch (IOException | NetworkException e) {
                problems.add("cannot publish " + binding + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            closeAll(sockets);
            throw new NetworkException(problems);
        }
        String tag = "berth-port:" + HexFormat.of().formatHex(randomBytes());
        List<AutoCloseable> proxies = new ArrayList<>();
        List<Firewall.Rule> rules = rules(bridge, ports.stream().filter(p -> !Ipv6.looksLikeIpv6(p.hostIp())).toList());
        List<Firewall.Rule> ipv6Rules = rules(bridge, ports.stream().filter(p -> Ipv6.looksLikeIpv6(p.hostIp())
                && Ipv6.looksLikeIpv6(p.containerIp())).toList());
        try {
            firewall.add(tag, rules);
            firewall.forIpv6().add(tag, ipv6Rules);
            for (int i = 0; i < ports.size(); i++) {
                PublishedPort port = ports.get(i);
                InetSocketAddress target = new InetSocketAddress(port.containerIp(), port.containerPort());
                if (port.protocol().equals("tcp")) {
                    TcpProxy proxy = new TcpProxy((ServerSocketChannel) sockets.get(i), target);
                    proxies.add(proxy);
                    proxy.start();
                } else {
                    UdpProxy proxy = new UdpProxy((DatagramChannel) sockets.get(i), target);
                    proxies.add(proxy);
                    proxy.start();
                }
            }
        } catch (RuntimeException e) {
            closeAll(sockets);
            firewall.removeTagged(tag);
            if (!ipv6Rules.isEmpty()) {
                firewall.forIpv6().removeTagged(tag);
            }
            throw e;
        }
        return new Publication(tag, ports, proxies, !rules.isEmpty(), !ipv6Rules.isEmpty());
    }

    /**
     * DNAT for non-loopback host addresses and an accept of the DNAT-ed traffic into the bridge, for ports of one
     * address family: IPv4 ports (iptables) or IPv6 ports to an IPv6 container address (ip6tables).
     */
    static List<Firewall.Rule> rules(String bridge, List<PublishedPort> ports) {
        List<Firewall.Rule> rules = new ArrayList<>();
        for (PublishedPort port : ports) {
            boolean ipv6 = Ipv6.looksLikeIpv6(port.hostIp());
            if (ipv6 ? Ipv6.parse(port.hostIp()).equals(java.math.BigInteger.ONE) : Ipv4.isLoopback(port.hostIp())) {
                continue;
            }
            String match = "-p " + port.protocol() + " -m " + port.protocol();
            boolean any = ipv6 ? Ipv6.parse(port.hostIp()).signum() == 0 : port.hostIp().equals("0.0.0.0");
            String destination = any ? "" : "-d " + port.hostIp() + (ipv6 ? "/128 " : "/32 ");
            String target = ipv6 ? "[" + port.containerIp() + "]" : port.containerIp();
            rules.add(new Firewall.Rule("nat", Firewall.PORTS_CHAIN, destination + "! -i " + bridge + " " + match
                    + " --dport " + port.hostPort() + " -j DNAT --to-destination " + target + ":"
                    + port.containerPort()));
            rules.add(new Firewall.Rule("filter", Firewall.FORWARD_CHAIN, "-d " + port.containerIp()
                    + (ipv6 ? "/128" : "/32") + " ! -i " + bridge + " -o " + bridge + " " + match + " --dport "
                    + port.containerPort() + " -j ACCEPT"));
        }
        return rules;
    }

    private static NetworkChannel reserve(PortBinding binding) throws IOException {
        if (binding.hostPortStart() == 0) {
            return bind(binding, 0);
        }
        IOException last = null;
        for (int port = binding.hostPortStart(); port <= binding.hostPortEnd(); port++) {
            try {
                return bind(binding, port);
            } catch (BindException e) {
                last = e;
            }
        }
        String which = binding.hostPortStart() == binding.hostPortEnd() ? "port " + binding.hostPortStart()
                : "every port of " + binding.hostPortStart() + "-" + binding.hostPortEnd();
        throw new NetworkException(which + " on " + binding.hostIp() + "/" + binding.protocol() + " is already in use ("
                + (last == null ? "" : last.getMessage()) + "): stop what uses it or publish another host port");
    }

    private static NetworkChannel bind(PortBinding binding, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(binding.hostIp(), port);
        if (binding.protocol().equals("tcp")) {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.bind(address, 128);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return channel;
        }
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(address);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void closeAll(List<Closeable> sockets) {
        for (Closeable socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
