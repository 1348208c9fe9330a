package dev.berth.embedded.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who is called what on which network: network → container → (address, names). Names are container
 * names, service names and aliases (a service name shared by replicas resolves to all of them, rotated per
 * query). Lookups are scoped to the networks of the asking container, found by its source address.
 * Thread-safe.
 */
public final class DnsRegistry {
    /** One container on one network. */
    public record Entry(String containerId, String ipv4, List<String> names) {
    }

    private final Map<String, Map<String, Entry>> networks = new LinkedHashMap<>();
    private final Map<String, List<String>> upstreams = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> rotation = new ConcurrentHashMap<>();

    /** Registers (or replaces) a container's names on a network; names are case-insensitive. */
    public synchronized void register(String networkId, String containerId, String ipv4, List<String> names) {
        List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
        networks.computeIfAbsent(networkId, k -> new LinkedHashMap<>())
                .put(containerId, new Entry(containerId, ipv4, lower));
    }

    public synchronized void unregister(String networkId, String containerId) {
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
            if (entry.ipv4().equals(sourceIp)) {
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
     * {@code networkId}: searched on every network that container is on (only {@code networkId} when the asker
     * is unknown). Several addresses (replicas) come back rotated by one per query: round robin.
     */
    public List<String> lookup(String networkId, String sourceIp, String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.endsWith(".")) {
            key = key.substring(0, key.length() - 1);
        }
        List<String> found;
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
            for (String id : scope) {
                for (Entry entry : networks.getOrDefault(id, Map.of()).values()) {
                    if (entry.names().contains(key)) {
                        addresses.add(entry.ipv4());
                    }
                }
            }
            found = new ArrayList<>(addresses);
        }
        if (found.size() > 1) {
            int shift = Math.floorMod(rotation.computeIfAbsent(networkId + "/" + key, k -> new AtomicInteger())
                    .getAndIncrement(), found.size());
            java.util.Collections.rotate(found, -shift);
        }
        return List.copyOf(found);
    }
}
