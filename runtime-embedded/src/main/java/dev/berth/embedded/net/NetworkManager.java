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
    private final SubnetPool pool;
    private final Map<String, NetworkStore.State> states = new LinkedHashMap<>();

    public NetworkManager(Path stateDir, Firewall firewall, SubnetPool pool) {
        this.store = new NetworkStore(stateDir);
        this.firewall = firewall;
        this.pool = pool;
        for (NetworkStore.State state : store.loadAll()) {
            states.put(state.network().id(), state);
        }
    }

    public NetworkManager(Path stateDir) {
        this(stateDir, new Firewall(), SubnetPool.defaults());
    }

    /** Creates the network, or returns it unchanged when a network with this id exists already. */
    public Network create(NetworkSpec spec) {
        Network network;
        synchronized (this) {
            NetworkStore.State existing = states.get(spec.id());
            if (existing != null) {
                return existing.network();
            }
            network = Ipam.plan(spec, pool, this::subnetsInUse);
            for (NetworkStore.State other : states.values()) {
                if (other.network().parsedSubnet().overlaps(network.parsedSubnet())) {
                    throw new NetworkException("subnet " + network.subnet() + " of network " + spec.name()
                            + " overlaps subnet " + other.network().subnet() + " of network "
                            + other.network().name() + ": choose another subnet");
                }
                if (other.network().bridge().equals(network.bridge())) {
                    throw new NetworkException("bridge " + network.bridge() + " is used by network "
                            + other.network().name() + ": network ids must differ in their first 12 characters");
                }
            }
            NetworkStore.State state = new NetworkStore.State(network, Map.of());
            states.put(network.id(), state);
            store.save(state);
        }
        try {
            bringUp(network);
        } catch (RuntimeException e) {
            try {
                tearDown(network);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            synchronized (this) {
                states.remove(network.id());
                store.delete(network.id());
            }
            throw e;
        }
        return network;
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
     * and the other moved into the namespace as {@code request.ifname()}, the address (requested or
     * allocated, persisted) and, when asked and the network is not internal, the default route via the gateway.
     * Attaching the same container again returns its existing endpoint.
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
            String mac = request.mac().orElseGet(() -> Ipam.macFor(ip));
            boolean route = request.defaultRoute() && !network.internal();
            endpoint = new Endpoint(request.containerId(), networkId, hostVethName(request.containerId(), networkId),
                    request.ifname(), ip, network.prefix(), mac, network.internal() ? "" : network.gateway(), route);
            NetworkStore.State updated = state.with(endpoint);
            states.put(networkId, updated);
            store.save(updated);
        }
        try {
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
                        attachment.mac(), attachment == gateway);
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
            } else if (firewall.rulesTagged(network.firewallTag()).isEmpty()) {
                firewall.add(network.firewallTag(), rules(network));
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

    private void bringUp(Network network) {
        if (!network.internal()) {
            enableForwarding();
        }
        if (!linkExists(network.bridge())) {
            Exec.check(List.of("ip", "-batch", "-"),
                    "link add " + network.bridge() + " type bridge\n"
                            + "addr add " + network.gateway() + "/" + network.prefix() + " brd + dev " + network.bridge()
                            + "\n" + "link set " + network.bridge() + " up\n",
                    "creating bridge " + network.bridge() + " for network " + network.name());
        }
        firewall.removeTagged(network.firewallTag());
        firewall.add(network.firewallTag(), rules(network));
    }

    private void tearDown(Network network) {
        List<String> problems = new ArrayList<>();
        try {
            firewall.removeTagged(network.firewallTag());
        } catch (NetworkException e) {
            problems.addAll(e.problems());
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
            rules.add(new Firewall.Rule("nat", Firewall.POSTROUTING_CHAIN,
                    "-s " + network.subnet() + " ! -o " + br + " -j MASQUERADE"));
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
            NamespaceNetlink.configure(netns.path(), endpoint);
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
        inside.append("link set ").append(endpoint.ifname()).append(" up\n");
        if (endpoint.defaultRoute()) {
            inside.append("route replace default via ").append(endpoint.gateway()).append(" dev ")
                    .append(endpoint.ifname()).append('\n');
        }
        Exec.check(netns.ipBatchInside(), inside.toString(), "configuring " + endpoint.ifname() + " in " + netns);
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

    private List<Subnet> subnetsInUse() {
        List<Subnet> used = new ArrayList<>(HostSubnets.inUse());
        states.values().forEach(s -> used.add(s.network().parsedSubnet()));
        return used;
    }

    static boolean linkExists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    private static void enableForwarding() {
        Path sysctl = Path.of("/proc/sys/net/ipv4/ip_forward");
        try {
            if (!Files.readString(sysctl).trim().equals("1")) {
                Files.writeString(sysctl, "1\n");
            }
        } catch (java.io.IOException e) {
            throw new NetworkException("cannot enable IPv4 forwarding (" + e.getMessage()
                    + "): run as root or set net.ipv4.ip_forward=1");
        }
    }
}
