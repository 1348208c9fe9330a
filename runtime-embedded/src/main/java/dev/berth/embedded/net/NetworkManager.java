package dev.berth.embedded.net;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bridge networks in container terms: {@link #create} a network (bridge + gateway address + firewall rules),
 * {@link #attach} a container's network namespace to it (veth pair, address, default route), {@link #detach},
 * {@link #remove}. Networks and address allocations are persisted under the state directory, so a new
 * instance (engine restart) keeps every container's address; {@link #restore} re-creates missing bridges
 * and rules after a host reboot.
 */
public final class NetworkManager {
    private final NetworkStore store;
    private final Firewall firewall;
    private final Firewall firewall6;
    private final SubnetPool pool;
    private final HostNetworkLock hostLock;
    private final Map<String, NetworkStore.State> states = new LinkedHashMap<>();

    public NetworkManager(Path stateDir, Firewall firewall, SubnetPool pool) {
        this(stateDir, firewall, pool, HostNetworkLock.standard());
    }

    NetworkManager(Path stateDir, Firewall firewall, SubnetPool pool, HostNetworkLock hostLock) {
        this.store = new NetworkStore(stateDir);
        this.firewall = firewall;
        this.firewall6 = firewall.forIpv6();
        this.pool = pool;
        this.hostLock = hostLock;
        for (NetworkStore.State state : store.loadAll()) {
            states.put(state.network().id(), state);
        }
    }

    public NetworkManager(Path stateDir) {
        this(stateDir, new Firewall(), SubnetPool.defaults());
    }

    /**
     * Creates the network, or returns it unchanged when a network with this id exists already. From reading the
     * host's subnets until the bridge has its gateway address this holds the {@link HostNetworkLock host-wide lock},
     * so that another engine on the host sees the bridge before it chooses a subnet itself.
     */
    public Network create(NetworkSpec spec) {
        Optional<Network> known = network(spec.id());
        if (known.isPresent()) {
            return known.get();
        }
        Network network;
        try (HostNetworkLock.Held held = hostLock.acquire()) {
            synchronized (this) {
                NetworkStore.State existing = states.get(spec.id());
                if (existing != null) {
                    return existing.network();
                }
                List<HostSubnet> host = HostSubnets.inUse();
                network = Ipam.plan(spec, pool, () -> subnetsInUse(host));
                List<String> conflicts = SubnetConflicts.of(network, networks(), host);
                if (!conflicts.isEmpty()) {
                    throw new NetworkException(conflicts);
                }
                NetworkStore.State state = new NetworkStore.State(network, Map.of());
                states.put(network.id(), state);
                store.save(state);
            }
            try {
                createBridge(network);
            } catch (RuntimeException e) {
                undoCreate(network, e);
                throw e;
            }
        }
        try {
            applyRules(network);
        } catch (RuntimeException e) {
            undoCreate(network, e);
            throw e;
        }
        return network;
    }

    private void undoCreate(Network network, RuntimeException failure) {
        try {
            tearDown(network);
        } catch (RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
        synchronized (this) {
            states.remove(network.id());
            store.delete(network.id());
        }
    }

    /** Removes the bridge, every firewall rule of the network and its state; fails while endpoints remain. */
    public void remove(String networkId) {
        Network network;
        synchronized (this) {
            NetworkStore.State state = state(networkId);
            if (!state.endpoints().isEmpty()) {
                throw new NetworkException("network " + state.network().name() + " has active endpoints "
                        + state.endpoints().keySet() + ": detach (stop) those containers first");
            }
            network = state.network();
        }
        tearDown(network);
        synchronized (this) {
            states.remove(networkId);
            store.delete(networkId);
        }
    }

    /**
     * Connects a container: creates the named namespace if missing, a veth pair with one end in the bridge
     * and the other moved into the namespace as {@code request.ifname()}, the addresses (requested or
     * allocated, persisted; IPv6 too on an IPv6 network) and, when asked and the network is not internal, the
     * default routes via the gateways. Attaching the same container again returns its existing endpoint.
     */
    public Endpoint attach(ContainerNetns netns, String networkId, EndpointRequest request) {
        Endpoint endpoint;
        synchronized (this) {
            NetworkStore.State state = state(networkId);
            Endpoint existing = state.endpoints().get(request.containerId());
            if (existing != null && linkExists(existing.hostVeth())) {
                return existing;
            }
            Network network = state.network();
            Optional<String> wanted = request.ipv4().isPresent() ? request.ipv4()
                    : Optional.ofNullable(existing).map(Endpoint::ipv4);
            String ip = Ipam.allocate(network, state.endpoints().values(), wanted, request.containerId());
            AddressPool pool = poolOf(network, ip);
            String ip6 = "";
            AddressPool pool6 = null;
            if (network.ipv6Enabled()) {
                Optional<String> wanted6 = request.ipv6().isPresent() ? request.ipv6()
                        : Optional.ofNullable(existing).map(Endpoint::ipv6).filter(a -> !a.isEmpty());
                ip6 = Ipam.allocateIpv6(network, state.endpoints().values(), wanted6, request.containerId());
                pool6 = poolOf(network, ip6);
            } else if (request.ipv6().isPresent()) {
                throw new NetworkException("ipv6_address " + request.ipv6().get() + " on network " + network.name()
                        + ": the network does not enable IPv6 (set enable_ipv6: true with an IPv6 subnet)");
            }
            String mac = request.mac().orElseGet(() -> Ipam.macFor(ip));
            boolean route = request.defaultRoute() && !network.internal();
            endpoint = new Endpoint(request.containerId(), networkId, hostVethName(request.containerId(), networkId),
                    request.ifname(), ip, pool.prefix(), mac, network.internal() ? "" : pool.gateway(), route, ip6,
                    pool6 == null ? 0 : pool6.prefix(), pool6 == null || network.internal() ? "" : pool6.gateway());
            NetworkStore.State updated = state.with(endpoint);
            states.put(networkId, updated);
            store.save(updated);
        }
        try {
            removeStaleVeth(endpoint.hostVeth());
            wire(netns, endpoint, state(networkId).network());
        } catch (RuntimeException e) {
            Exec.run(List.of("ip", "link", "del", endpoint.hostVeth()), null);
            release(networkId, request.containerId());
            throw e;
        }
        return endpoint;
    }

    /**
     * Connects a container to all its networks: ordered by {@code priority} (highest first, stable otherwise)
     * as {@code eth0}, {@code eth1}..., with the default route on the non-internal network of highest
     * {@code gw_priority} (the first such one on ties). On failure the endpoints made so far are removed.
     */
    public List<Endpoint> attachAll(String containerId, ContainerNetns netns, List<Attachment> attachments) {
        List<Attachment> ordered = new ArrayList<>(attachments);
        ordered.sort(java.util.Comparator.comparingInt(Attachment::priority).reversed());
        Attachment gateway = null;
        for (Attachment attachment : ordered) {
            boolean internal = state(attachment.networkId()).network().internal();
            if (!internal && (gateway == null || attachment.gwPriority() > gateway.gwPriority())) {
                gateway = attachment;
            }
        }
        List<Endpoint> endpoints = new ArrayList<>();
        try {
            for (int i = 0; i < ordered.size(); i++) {
                Attachment attachment = ordered.get(i);
                EndpointRequest request = new EndpointRequest(containerId, "eth" + i, attachment.ipv4(),
                        attachment.mac(), attachment == gateway, attachment.ipv6());
                endpoints.add(attach(netns, attachment.networkId(), request));
            }
        } catch (RuntimeException e) {
            for (Endpoint endpoint : endpoints) {
                try {
                    detach(containerId, endpoint.networkId());
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return List.copyOf(endpoints);
    }

    /** Disconnects a container (deletes its veth pair) and frees its address; a no-op when not attached. */
    public void detach(String containerId, String networkId) {
        Endpoint endpoint;
        synchronized (this) {
            NetworkStore.State state = states.get(networkId);
            endpoint = state == null ? null : state.endpoints().get(containerId);
        }
        if (endpoint == null) {
            return;
        }
        Exec.Result result = Exec.run(List.of("ip", "link", "del", endpoint.hostVeth()), null);
        if (!result.ok() && linkExists(endpoint.hostVeth())) {
            throw new NetworkException("deleting " + endpoint.hostVeth() + " failed: " + result.stderr());
        }
        release(networkId, containerId);
    }

    /**
     * Tears a container's networking down in one {@code ip} call: frees its addresses on every network and
     * deletes its named namespace (the kernel destroys the veth pairs with it, asynchronously); for a
     * process namespace the host veths are deleted instead. Cheaper than {@link #detach} per network.
     */
    public void removeContainer(String containerId, ContainerNetns netns) {
        List<Endpoint> endpoints = endpointsOf(containerId);
        StringBuilder batch = new StringBuilder();
        if (netns.isNamed() && NamespaceNetlink.available()) {
            NamespaceNetlink.deleteNamespace(netns.path());
        } else if (netns.isNamed()) {
            if (netns.exists()) {
                batch.append("netns delete ").append(netns.name()).append('\n');
            }
        } else {
            for (Endpoint endpoint : endpoints) {
                if (linkExists(endpoint.hostVeth())) {
                    batch.append("link del ").append(endpoint.hostVeth()).append('\n');
                }
            }
        }
        if (batch.length() > 0) {
            Exec.Result result = Exec.run(List.of("ip", "-batch", "-"), batch.toString());
            // another engine process may have removed them meanwhile: only what is still there is a failure
            boolean left = netns.isNamed() ? netns.exists()
                    : endpoints.stream().anyMatch(e -> linkExists(e.hostVeth()));
            if (!result.ok() && left) {
                throw new NetworkException("removing the network of container " + containerId + " failed: "
                        + result.stderr().trim() + " (remove the container again to retry)");
            }
        }
        for (Endpoint endpoint : endpoints) {
            release(endpoint.networkId(), containerId);
        }
    }

    /** Re-creates bridges and firewall rules that are missing (after a host reboot); addresses stay. */
    public void restore() {
        for (Network network : networks()) {
            if (!linkExists(network.bridge())) {
                bringUp(network);
                continue;
            }
            if (firewall.rulesTagged(network.firewallTag()).isEmpty()) {
                firewall.add(network.firewallTag(), rules(network));
            }
            if (network.ipv6Enabled() && firewall6.rulesTagged(network.firewallTag()).isEmpty()) {
                firewall6.add(network.firewallTag(), rules6(network));
            }
        }
    }

    public synchronized Optional<Network> network(String networkId) {
        return Optional.ofNullable(states.get(networkId)).map(NetworkStore.State::network);
    }

    public synchronized List<Network> networks() {
        return states.values().stream().map(NetworkStore.State::network).toList();
    }

    /** The endpoints of a network in attach order. */
    public synchronized List<Endpoint> endpoints(String networkId) {
        return List.copyOf(state(networkId).endpoints().values());
    }

    /** The endpoints of one container on all networks. */
    public synchronized List<Endpoint> endpointsOf(String containerId) {
        List<Endpoint> found = new ArrayList<>();
        for (NetworkStore.State state : states.values()) {
            Endpoint endpoint = state.endpoints().get(containerId);
            if (endpoint != null) {
                found.add(endpoint);
            }
        }
        return List.copyOf(found);
    }

    /** The host-side veth name of an endpoint: {@code vb} and 11 hex of a hash of container and network. */
    public static String hostVethName(String containerId, String networkId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((containerId + "/" + networkId).getBytes(StandardCharsets.UTF_8));
            return "vb" + HexFormat.of().formatHex(digest).substring(0, 11);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Re-creates a missing bridge (under the host-wide lock) and its rules. */
    private void bringUp(Network network) {
        try (HostNetworkLock.Held held = hostLock.acquire()) {
            createBridge(network);
        }
        applyRules(network);
    }

    /** The bridge with every gateway address, up; nothing when it exists already. */
    private static void createBridge(Network network) {
        if (!linkExists(network.bridge())) {
            String br = network.bridge();
            StringBuilder batch = new StringBuilder("link add " + br + " type bridge\n");
            for (AddressPool pool : network.pools()) {
                // an IPv6 gateway without duplicate address detection serves at once, not after a second or two
                batch.append("addr add ").append(pool.gateway()).append('/').append(pool.prefix())
                        .append(pool.ipv6() ? " nodad" : " brd +").append(" dev ").append(br).append('\n');
            }
            batch.append("link set ").append(br).append(" up\n");
            Exec.check(List.of("ip", "-batch", "-"), batch.toString(),
                    "creating bridge " + br + " for network " + network.name());
            if (network.ipv6Enabled()) {
                Forwarding.ignoreRouterAdvertisements(br);
            }
        }
    }

    /** IP forwarding (for networks with a way out) and the network's firewall rules, replacing old ones. */
    private void applyRules(Network network) {
        if (!network.internal()) {
            Forwarding.enableIpv4();
            if (network.ipv6Enabled()) {
                Forwarding.enableIpv6();
            }
        }
        firewall.removeTagged(network.firewallTag());
        firewall.add(network.firewallTag(), rules(network));
        if (network.ipv6Enabled()) {
            firewall6.removeTagged(network.firewallTag());
            firewall6.add(network.firewallTag(), rules6(network));
        }
    }

    private void tearDown(Network network) {
        List<String> problems = new ArrayList<>();
        for (Firewall rules : network.ipv6Enabled() ? List.of(firewall, firewall6) : List.of(firewall)) {
            try {
                rules.removeTagged(network.firewallTag());
            } catch (NetworkException e) {
                problems.addAll(e.problems());
            }
        }
        if (linkExists(network.bridge())) {
            Exec.Result result = Exec.run(List.of("ip", "link", "del", network.bridge()), null);
            if (!result.ok()) {
                problems.add("deleting bridge " + network.bridge() + " failed: " + result.stderr());
            }
        }
        if (!problems.isEmpty()) {
            throw new NetworkException(problems);
        }
    }

    /**
     * Docker-like rules: containers on the bridge talk to each other; traffic between Berth bridges is dropped
     * (isolation); internal networks neither send nor receive forwarded traffic; the others go out with NAT.
     */
    static List<Firewall.Rule> rules(Network network) {
        return rules(network, network.ipv4Pools());
    }

    /** The same rules for ip6tables, with NAT for the IPv6 subnets (as Docker does for them by default). */
    static List<Firewall.Rule> rules6(Network network) {
        return rules(network, network.ipv6Pools());
    }

    private static List<Firewall.Rule> rules(Network network, List<AddressPool> pools) {
        String br = network.bridge();
        List<Firewall.Rule> rules = new ArrayList<>();
        if (network.internal()) {
            rules.add(new Firewall.Rule("filter", Firewall.ISOLATION_CHAIN, "-i " + br + " ! -o " + br + " -j DROP"));
            rules.add(new Firewall.Rule("filter", Firewall.ISOLATION_CHAIN, "! -i " + br + " -o " + br + " -j DROP"));
        } else {
            rules.add(new Firewall.Rule("filter", Firewall.ISOLATION_CHAIN,
                    "-i " + br + " ! -o " + br + " -j " + Firewall.ISOLATION_DROP_CHAIN));
            rules.add(new Firewall.Rule("filter", Firewall.ISOLATION_DROP_CHAIN, "-o " + br + " -j DROP"));
        }
        rules.add(new Firewall.Rule("filter", Firewall.FORWARD_CHAIN, "-i " + br + " -o " + br + " -j ACCEPT"));
        if (!network.internal()) {
            rules.add(new Firewall.Rule("filter", Firewall.FORWARD_CHAIN,
                    "-o " + br + " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"));
            rules.add(new Firewall.Rule("filter", Firewall.FORWARD_CHAIN, "-i " + br + " ! -o " + br + " -j ACCEPT"));
            for (AddressPool pool : pools) {
                rules.add(new Firewall.Rule("nat", Firewall.POSTROUTING_CHAIN,
                        "-s " + pool.subnet() + " ! -o " + br + " -j MASQUERADE"));
            }
        }
        return rules;
    }

    private void wire(ContainerNetns netns, Endpoint endpoint, Network network) {
        if (NamespaceNetlink.available() && (!netns.isNamed() || netns.exists()
                || NamespaceNetlink.canCreateNamespaces())) {
            if (netns.isNamed() && !netns.exists()) {
                NamespaceNetlink.createNamespace(netns.path());
            }
            NamespaceNetlink.createVeth(endpoint.hostVeth(), network.bridge(), netns.path(), endpoint.ifname(),
                    endpoint.mac());
            NamespaceNetlink.configure(netns.path(), endpoint, onLinkSubnets(network, endpoint));
            return;
        }
        StringBuilder host = new StringBuilder();
        if (netns.isNamed() && !netns.exists()) {
            host.append("netns add ").append(netns.name()).append('\n');
        }
        host.append("link add ").append(endpoint.hostVeth()).append(" type veth peer name ").append(endpoint.ifname())
                .append(" address ").append(endpoint.mac()).append(" netns ").append(netns.linkTarget()).append('\n');
        host.append("link set ").append(endpoint.hostVeth()).append(" master ").append(network.bridge())
                .append(" up\n");
        Exec.check(List.of("ip", "-batch", "-"), host.toString(),
                "creating veth " + endpoint.hostVeth() + " into " + netns);
        StringBuilder inside = new StringBuilder("link set lo up\n");
        inside.append("addr add ").append(endpoint.ipv4()).append('/').append(endpoint.prefix()).append(" brd + dev ")
                .append(endpoint.ifname()).append('\n');
        if (endpoint.hasIpv6()) {
            inside.append("addr add ").append(endpoint.ipv6()).append('/').append(endpoint.ipv6Prefix())
                    .append(" nodad dev ").append(endpoint.ifname()).append('\n');
        }
        inside.append("link set ").append(endpoint.ifname()).append(" up\n");
        for (String subnet : onLinkSubnets(network, endpoint)) {
            inside.append("route replace ").append(subnet).append(" dev ").append(endpoint.ifname())
                    .append(" scope link\n");
        }
        if (endpoint.defaultRoute()) {
            inside.append("route replace default via ").append(endpoint.gateway()).append(" dev ")
                    .append(endpoint.ifname()).append('\n');
            if (!endpoint.ipv6Gateway().isEmpty()) {
                inside.append("route replace default via ").append(endpoint.ipv6Gateway()).append(" dev ")
                        .append(endpoint.ifname()).append('\n');
            }
        }
        Exec.check(netns.ipBatchInside(), inside.toString(), "configuring " + endpoint.ifname() + " in " + netns);
    }

    /**
     * The network's other subnets, reached directly over the same bridge (all pools share one link): without these
     * routes containers in different pools of an internal network could not talk.
     */
    static List<String> onLinkSubnets(Network network, Endpoint endpoint) {
        List<String> subnets = new ArrayList<>();
        for (AddressPool pool : network.pools()) {
            IpPrefix subnet = pool.parsedSubnet();
            String own = subnet.ipv6() ? endpoint.ipv6() : endpoint.ipv4();
            if (!own.isEmpty() && !subnet.contains(own)) {
                subnets.add(pool.subnet());
            }
        }
        return List.copyOf(subnets);
    }

    /** The pool of the network that holds {@code address}. */
    private static AddressPool poolOf(Network network, String address) {
        return network.pools().stream().filter(p -> p.parsedSubnet().contains(address)).findFirst()
                .orElseThrow(() -> new NetworkException("address " + address + " is in no subnet of network "
                        + network.name()));
    }

    private synchronized void release(String networkId, String containerId) {
        NetworkStore.State state = states.get(networkId);
        if (state != null && !store.exists(networkId)) {
            // another engine process removed the network meanwhile: do not write it back
            states.remove(networkId);
            return;
        }
        if (state != null && state.endpoints().containsKey(containerId)) {
            NetworkStore.State updated = state.without(containerId);
            states.put(networkId, updated);
            store.save(updated);
        }
    }

    private synchronized NetworkStore.State state(String networkId) {
        NetworkStore.State state = states.get(networkId);
        if (state == null) {
            throw new NetworkException("network " + networkId + " not found: create it first");
        }
        return state;
    }

    private List<Subnet> subnetsInUse(List<HostSubnet> host) {
        List<Subnet> used = new ArrayList<>(host.stream().map(HostSubnet::subnet).toList());
        states.values().forEach(s -> s.network().ipv4Pools().forEach(p -> used.add(Subnet.parse(p.subnet()))));
        return used;
    }

    /**
     * The host end's name is derived from the container and the network, so a link of that name is this container's
     * own endpoint of an earlier run on this network: after a quick stop and start it may still be there, because the
     * kernel destroys a deleted namespace's veth pairs in the background. It is deleted, and waited for briefly.
     */
    private static void removeStaleVeth(String name) {
        if (!linkExists(name)) {
            return;
        }
        Exec.run(List.of("ip", "link", "del", name), null);
        for (int i = 0; i < 100 && linkExists(name); i++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static boolean linkExists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }
}
