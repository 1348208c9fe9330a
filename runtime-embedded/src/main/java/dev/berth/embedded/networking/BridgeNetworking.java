package dev.berth.embedded.networking;

import dev.berth.embedded.ContainerInfo;
import dev.berth.embedded.ContainerNetworking;
import dev.berth.embedded.oci.ContainerConfig;
import dev.berth.embedded.net.Attachment;
import dev.berth.embedded.net.ContainerNetns;
import dev.berth.embedded.net.DnsService;
import dev.berth.embedded.net.Endpoint;
import dev.berth.embedded.net.EndpointRequest;
import dev.berth.embedded.net.Firewall;
import dev.berth.embedded.net.HostsFile;
import dev.berth.embedded.net.Network;
import dev.berth.embedded.net.NetworkException;
import dev.berth.embedded.net.NetworkManager;
import dev.berth.embedded.net.NetworkSpec;
import dev.berth.embedded.net.PortBinding;
import dev.berth.embedded.net.PortPublisher;
import dev.berth.embedded.net.PublishedPort;
import dev.berth.embedded.net.ResolvConf;
import dev.berth.embedded.net.SubnetPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bridge networks and the networking of the containers on them. Networks (bridge, subnet, gateway, firewall rules,
 * labels) and address allocations are persisted by the {@link NetworkManager} under {@code <state>/networks}, the
 * published ports of running containers under {@code <state>/ports}; DNS servers and userland proxies live in
 * this process and are started again by {@link #adopt} in the next one.
 *
 * <p>A container's networking lives from its start to its exit: a named namespace {@code berth-<id>}, one veth per
 * network (interfaces ordered by priority, the default route on the network with the highest gw_priority), its
 * names (container name, short id, aliases) and links on each network's resolver, its ports published on the first network
 * that carries the default route (else its first network). A restarted container gets an address again: its
 * static {@code ipv4_address}, else the first free one (usually the same as before, not guaranteed — as Docker).
 */
public final class BridgeNetworking implements ContainerNetworking {
    private final NetworkManager manager;
    private final Firewall firewall;
    private final DnsService dns;
    private final PortPublisher publisher;
    private final PublishedPortsStore ports;
    private final Map<String, PortPublisher.Publication> publications = new ConcurrentHashMap<>();

    public BridgeNetworking(Path stateDir, Firewall firewall, SubnetPool pool, DnsService dns) {
        this.manager = new NetworkManager(stateDir.resolve("networks"), firewall, pool);
        this.firewall = firewall;
        this.dns = dns;
        this.publisher = new PortPublisher(firewall);
        this.ports = new PublishedPortsStore(stateDir.resolve("ports"));
    }

    /**
     * Opens the networking state under {@code stateDir} with the host's firewall, the default subnet pool and
     * resolvers on port 53, re-creating bridges and rules that a host reboot removed.
     */
    public static BridgeNetworking open(Path stateDir) {
        BridgeNetworking networking = new BridgeNetworking(stateDir, new Firewall(), SubnetPool.defaults(),
                DnsService.standard());
        networking.manager.restore();
        return networking;
    }

    // ---------------------------------------------------------------- networks

    /** Creates the bridge network (see {@link NetworkManager#create}). */
    public Network createNetwork(NetworkSpec spec) {
        return manager.create(spec);
    }

    /**
     * Removes a network without endpoints: its resolver, bridge and rules; the last network also takes Berth's
     * iptables chains with it (when no other Berth rule is left on the host), the last IPv6 network Berth's
     * ip6tables chains.
     */
    public void removeNetwork(String networkId) {
        boolean ipv6 = manager.network(networkId).map(Network::ipv6Enabled).orElse(false);
        dns.stop(networkId);
        manager.remove(networkId);
        if (manager.networks().isEmpty()) {
            firewall.uninstallIfEmpty();
        }
        if (ipv6 && manager.networks().stream().noneMatch(Network::ipv6Enabled)) {
            firewall.forIpv6().uninstallIfEmpty();
        }
    }

    public List<Network> networks() {
        return manager.networks();
    }

    public Optional<Network> network(String networkId) {
        return manager.network(networkId);
    }

    /** The live endpoints (of running containers) on a network. */
    public List<Endpoint> endpoints(String networkId) {
        return manager.endpoints(networkId);
    }

    /** The live endpoints of a container on all its networks. */
    public List<Endpoint> endpointsOf(String containerId) {
        return manager.endpointsOf(containerId);
    }

    /** The ports a running container publishes now, with their actual host ports. */
    public List<PublishedPort> publishedPorts(String containerId) {
        PortPublisher.Publication live = publications.get(containerId);
        if (live != null) {
            return live.ports();
        }
        return ports.find(containerId).map(PublishedPortsStore.Entry::ports).orElse(List.of());
    }

    // ---------------------------------------------------------------- the engine's hook

    @Override
    public Setup setUp(ContainerInfo container) {
        ContainerConfig config = container.config();
        try {
            List<Attachment> attachments = new ArrayList<>();
            for (ContainerConfig.NetworkEndpoint member : config.networks()) {
                dns.start(requireNetwork(member.networkId()));
                attachments.add(new Attachment(member.networkId(), Optional.ofNullable(member.ipv4()),
                        Optional.ofNullable(member.mac()), member.priority(), member.gwPriority(),
                        Optional.ofNullable(member.ipv6())));
            }
            // attaching creates the namespace in the same ip call; without networks it only needs loopback
            ContainerNetns netns = attachments.isEmpty() ? ContainerNetns.create(container.id())
                    : ContainerNetns.named(container.id());
            List<Endpoint> endpoints = manager.attachAll(container.id(), netns, attachments);
            register(container, endpoints);
            publish(container, endpoints);
            return setup(container, netns, endpoints);
        } catch (RuntimeException e) {
            try {
                tearDown(container);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public void tearDown(ContainerInfo container) {
        String id = container.id();
        List<String> problems = new ArrayList<>();
        try {
            PortPublisher.Publication live = publications.remove(id);
            if (live != null) {
                live.close();
            } else {
                ports.find(id).ifPresent(this::removeRules);
            }
            ports.delete(id);
        } catch (RuntimeException e) {
            problems.add("unpublishing the ports: " + e.getMessage());
        }
        dns.registry().forgetContainer(id);
        try {
            manager.removeContainer(id, ContainerNetns.named(id));
        } catch (RuntimeException e) {
            problems.add("removing the network namespace: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new NetworkException(problems.stream().map(p -> "container " + container.name() + ": " + p)
                    .toList());
        }
    }

    /**
     * A running container's memberships changed from {@code before} to {@code after} (connect or disconnect):
     * detaches the networks it left, attaches the ones it joined (the default route only when it has none yet),
     * and returns its new /etc files.
     */
    @Override
    public Setup update(ContainerInfo before, ContainerInfo after) {
        String id = after.id();
        ContainerNetns netns = ContainerNetns.named(id);
        Set<String> kept = new LinkedHashSet<>();
        after.config().networks().forEach(n -> kept.add(n.networkId()));
        for (ContainerConfig.NetworkEndpoint old : before.config().networks()) {
            if (!kept.contains(old.networkId())) {
                manager.detach(id, old.networkId());
                dns.registry().unregister(old.networkId(), id);
            }
        }
        Set<String> had = new LinkedHashSet<>();
        before.config().networks().forEach(n -> had.add(n.networkId()));
        for (ContainerConfig.NetworkEndpoint member : after.config().networks()) {
            if (had.contains(member.networkId())) {
                continue;
            }
            Network network = requireNetwork(member.networkId());
            dns.start(network);
            List<Endpoint> current = manager.endpointsOf(id);
            boolean route = !network.internal() && current.stream().noneMatch(Endpoint::defaultRoute);
            EndpointRequest request = new EndpointRequest(id, freeInterface(current),
                    Optional.ofNullable(member.ipv4()), Optional.ofNullable(member.mac()), route,
                    Optional.ofNullable(member.ipv6()));
            Endpoint endpoint = manager.attach(netns, member.networkId(), request);
            dns.register(endpoint, names(after, member), links(member));
        }
        return setup(after, netns, manager.endpointsOf(id));
    }

    /**
     * Serves a container that kept running while no engine was open: its names on every network's resolver, and
     * its published ports again on the same host ports (their old rules replaced). What cannot be served (a port
     * taken meanwhile, a resolver address held by another process) stays unserved; the container keeps running.
     */
    @Override
    public void adopt(ContainerInfo container) {
        List<Endpoint> endpoints = manager.endpointsOf(container.id());
        for (Endpoint endpoint : endpoints) {
            try {
                dns.start(requireNetwork(endpoint.networkId()));
            } catch (RuntimeException e) {
                // another process serves this network's resolver
            }
        }
        register(container, endpoints);
        ports.find(container.id()).ifPresent(entry -> {
            List<PortBinding> same = entry.ports().stream().map(p -> new PortBinding(p.protocol(), p.hostIp(),
                    p.hostPort(), p.hostPort(), p.containerPort())).toList();
            try {
                publish(container.id(), endpoints, same);
                removeRules(entry);
            } catch (RuntimeException e) {
                // the host ports are held, by another engine process serving them or by someone else: the old
                // record and rules stay, so the ports are still reported and released with the container
            }
        });
    }

    @Override
    public void close() {
        dns.close();
        publications.values().forEach(PortPublisher.Publication::stopProxies);
        publications.clear();
    }

    // ---------------------------------------------------------------- helpers

    private Network requireNetwork(String networkId) {
        return manager.network(networkId).orElseThrow(() -> new NetworkException("network " + networkId
                + " does not exist any more: connect the container to an existing network"));
    }

    private void register(ContainerInfo container, List<Endpoint> endpoints) {
        dns.registry().setUpstreams(container.id(), container.config().dns());
        for (Endpoint endpoint : endpoints) {
            container.config().networks().stream().filter(n -> n.networkId().equals(endpoint.networkId()))
                    .findFirst().ifPresent(member -> dns.register(endpoint, names(container, member), links(member)));
        }
    }

    /** The links a container has on one network: alias → linked container. */
    private static Map<String, String> links(ContainerConfig.NetworkEndpoint member) {
        Map<String, String> links = new LinkedHashMap<>();
        member.links().forEach(link -> links.put(link.alias(), link.container()));
        return links;
    }

    /** The names a container answers to on one network: its name, its short id and the aliases given there. */
    private static List<String> names(ContainerInfo container, ContainerConfig.NetworkEndpoint member) {
        List<String> names = new ArrayList<>();
        names.add(container.name());
        names.add(container.id().substring(0, 12));
        names.addAll(member.aliases());
        return names;
    }

    private void publish(ContainerInfo container, List<Endpoint> endpoints) {
        List<PortBinding> bindings = container.config().ports().stream().map(p -> new PortBinding(p.protocol(),
                p.hostIp() == null || p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp(), p.hostPortStart(),
                p.hostPortEnd(), p.containerPort())).toList();
        publish(container.id(), endpoints, bindings);
    }

    private void publish(String containerId, List<Endpoint> endpoints, List<PortBinding> bindings) {
        if (bindings.isEmpty()) {
            return;
        }
        if (endpoints.isEmpty()) {
            throw new NetworkException("container " + containerId + " publishes ports but is on no network: connect it"
                    + " to a network");
        }
        Endpoint target = primary(endpoints);
        PortPublisher.Publication publication = publisher.publish(requireNetwork(target.networkId()).bridge(),
                target.ipv4(), target.ipv6(), bindings);
        publications.put(containerId, publication);
        ports.save(containerId, new PublishedPortsStore.Entry(publication.tag(), publication.ports()));
    }

    /** Removes the firewall rules of a recorded publication (ip6tables too when it has IPv6 host addresses). */
    private void removeRules(PublishedPortsStore.Entry entry) {
        firewall.removeTagged(entry.tag());
        if (entry.ports().stream().anyMatch(p -> p.hostIp().indexOf(':') >= 0)) {
            firewall.forIpv6().removeTagged(entry.tag());
        }
    }

    /** The endpoint that carries the default route, else the first one. */
    private static Endpoint primary(List<Endpoint> endpoints) {
        return endpoints.stream().filter(Endpoint::defaultRoute).findFirst().orElse(endpoints.get(0));
    }

    private Setup setup(ContainerInfo container, ContainerNetns netns, List<Endpoint> endpoints) {
        ContainerConfig config = container.config();
        String resolver = endpoints.isEmpty() ? "" : requireNetwork(primary(endpoints).networkId()).gateway();
        List<HostsFile.ExtraHost> extra = new ArrayList<>();
        for (String entry : config.extraHosts()) {
            int sep = entry.indexOf(':');
            if (sep <= 0) {
                throw new NetworkException("invalid extra host '" + entry + "': write name:address");
            }
            extra.add(new HostsFile.ExtraHost(entry.substring(0, sep), entry.substring(sep + 1)));
        }
        List<String> own = new ArrayList<>();
        endpoints.forEach(e -> own.add(e.ipv4()));
        endpoints.stream().filter(Endpoint::hasIpv6).forEach(e -> own.add(e.ipv6()));
        String hosts = HostsFile.render(container.hostname(), config.domainname(), own, extra, resolver);
        String resolv = resolver.isEmpty() ? "# no network: no resolver\n"
                : ResolvConf.render(resolver, config.dnsSearch(), config.dnsOptions());
        return new Setup(netns.path(), hosts, resolv);
    }

    private static String freeInterface(List<Endpoint> current) {
        Set<String> used = new LinkedHashSet<>();
        current.forEach(e -> used.add(e.ifname()));
        int n = 0;
        while (used.contains("eth" + n)) {
            n++;
        }
        return "eth" + n;
    }
}
