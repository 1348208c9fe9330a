package dev.berth.embedded.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who is called what on which network: network → container → (addresses, names). Names are container
 * names, service names and aliases (a service name shared by replicas resolves to all of them, rotated per
 * query of each record type, so that a client asking for A and AAAA records still sees the next replica first on
 * its next lookup). Lookups are scoped to the networks of the asking container, found by its source address.
 * A container's links (alias → container name or id, per network) are names only that container resolves; a link
 * alias wins over the names of the network, as Docker's embedded DNS answers it.
 * Thread-safe.
 */
public final class DnsRegistry {
    /** One container on one network: its IPv4 address and its IPv6 address (empty without IPv6). */
    public record Entry(String containerId, String ipv4, String ipv6, List<String> names) {
        public Entry {
            ipv6 = ipv6 == null ? "" : ipv6;
        }

        /** The address answered for a query of {@code type}: A = IPv4, AAAA = IPv6 (empty when it has none). */
        String address(int type) {
            return type == DnsMessage.TYPE_A ? ipv4 : type == DnsMessage.TYPE_AAAA ? ipv6 : "";
        }
    }

    private final Map<String, Map<String, Entry>> networks = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, String>>> links = new LinkedHashMap<>();
    private final Map<String, List<String>> upstreams = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> rotation = new ConcurrentHashMap<>();

    /** Registers (or replaces) a container's names on a network; names are case-insensitive. */
    public void register(String networkId, String containerId, String ipv4, List<String> names) {
        register(networkId, containerId, ipv4, "", names);
    }

    /** Registers (or replaces) a container with an IPv6 address too ({@code ipv6} empty: none). */
    public synchronized void register(String networkId, String containerId, String ipv4, String ipv6,
                                      List<String> names) {
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
        networks.computeIfAbsent(networkId, k -> new LinkedHashMap<>())
                .put(containerId, new Entry(containerId, ipv4, ipv6, lower));
    }

    /**
     * Sets a container's links on a network: {@code alias → target}, the target a container's name, id or other
     * name on that network (resolved at each query, so a re-created target is found again). Empty: no links.
     */
    public synchronized void setLinks(String networkId, String containerId, Map<String, String> aliasToTarget) {
        Map<String, String> lower = new LinkedHashMap<>();
        aliasToTarget.forEach((alias, target) -> lower.put(alias.toLowerCase(Locale.ROOT),
                target.toLowerCase(Locale.ROOT)));
        Map<String, Map<String, String>> onNetwork = links.computeIfAbsent(networkId, k -> new LinkedHashMap<>());
        if (lower.isEmpty()) {
            onNetwork.remove(containerId);
        } else {
            onNetwork.put(containerId, lower);
        }
        if (onNetwork.isEmpty()) {
            links.remove(networkId);
        }
    }

    public synchronized void unregister(String networkId, String containerId) {
        setLinks(networkId, containerId, Map.of());
        Map<String, Entry> entries = networks.get(networkId);
        if (entries != null) {
            entries.remove(containerId);
            if (entries.isEmpty()) {
                networks.remove(networkId);
            }
        }
    }

    /** Per-container upstream resolvers (compose {@code dns}); empty means the host's resolvers. */
    public synchronized void setUpstreams(String containerId, List<String> servers) {
        if (servers.isEmpty()) {
            upstreams.remove(containerId);
        } else {
            upstreams.put(containerId, List.copyOf(servers));
        }
    }

    public synchronized void forgetContainer(String containerId) {
        upstreams.remove(containerId);
        for (String networkId : List.copyOf(networks.keySet())) {
            unregister(networkId, containerId);
        }
    }

    /** The container that sent a query to {@code networkId}'s resolver from {@code sourceIp}, if known. */
    public synchronized String containerAt(String networkId, String sourceIp) {
        for (Entry entry : networks.getOrDefault(networkId, Map.of()).values()) {
            if (entry.ipv4().equals(sourceIp) || entry.ipv6().equals(sourceIp)) {
                return entry.containerId();
            }
        }
        return null;
    }

    public synchronized List<String> upstreamsOf(String containerId) {
        return containerId == null ? List.of() : upstreams.getOrDefault(containerId, List.of());
    }

    /**
     * The addresses of {@code name} as seen by the container at {@code sourceIp} that asked on
     * {@code networkId}, for a query of record {@code type}: searched on every network that container is on (only
     * {@code networkId} when the asker is unknown). Empty when no container there has the name; a known name
     * without addresses of that type (AAAA of an IPv4-only container, MX...) gives an empty list. Several addresses
     * (replicas) come back rotated by one per query of the same name and type: round robin.
     */
    public Optional<List<String>> lookup(String networkId, String sourceIp, String name, int type) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.endsWith(".")) {
            key = key.substring(0, key.length() - 1);
        }
        List<String> found;
        boolean known = false;
        synchronized (this) {
            String asker = containerAt(networkId, sourceIp);
            Set<String> scope = new LinkedHashSet<>();
            scope.add(networkId);
            if (asker != null) {
                networks.forEach((id, entries) -> {
                    if (entries.containsKey(asker)) {
                        scope.add(id);
                    }
                });
            }
            Set<String> addresses = new LinkedHashSet<>();
            boolean linked = false;
            if (asker != null) {
                for (String id : scope) {
                    String target = links.getOrDefault(id, Map.of()).getOrDefault(asker, Map.of()).get(key);
                    if (target == null) {
                        continue;
                    }
                    linked = true;
                    for (Entry entry : networks.getOrDefault(id, Map.of()).values()) {
                        if (entry.containerId().equals(target) || entry.names().contains(target)) {
                            known = true;
                            if (!entry.address(type).isEmpty()) {
                                addresses.add(entry.address(type));
                            }
                        }
                    }
                }
            }
            for (String id : linked ? Set.<String>of() : scope) {
                for (Entry entry : networks.getOrDefault(id, Map.of()).values()) {
                    if (entry.names().contains(key)) {
                        known = true;
                        if (!entry.address(type).isEmpty()) {
                            addresses.add(entry.address(type));
                        }
                    }
                }
            }
            found = new ArrayList<>(addresses);
        }
        if (!known) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            int shift = Math.floorMod(rotation.computeIfAbsent(networkId + "/" + key + "/" + type,
                    k -> new AtomicInteger()).getAndIncrement(), found.size());
            Collections.rotate(found, -shift);
        }
        return Optional.of(List.copyOf(found));
    }
}
