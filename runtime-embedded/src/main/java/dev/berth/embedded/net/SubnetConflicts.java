package dev.berth.embedded.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a planned network against what already exists: the engine's own networks (no overlapping subnet, no shared
 * bridge name) and the host (no IPv4 subnet that is directly connected to another interface, such as another
 * engine's bridge: two bridges with one subnet break routing and the second gateway's DNS port). Routes through a
 * gateway do not clash: the bridge's more specific route wins, as with Docker.
 */
final class SubnetConflicts {
    private SubnetConflicts() {
    }

    /** Every problem at once, or nothing. */
    static List<String> of(Network planned, Collection<Network> existing, List<HostSubnet> host) {
        List<String> problems = new ArrayList<>();
        for (Network other : existing) {
            for (AddressPool mine : planned.pools()) {
                for (AddressPool theirs : other.pools()) {
                    if (mine.parsedSubnet().overlaps(theirs.parsedSubnet())) {
                        problems.add("subnet " + mine.subnet() + " of network " + planned.name() + " overlaps subnet "
                                + theirs.subnet() + " of network " + other.name() + ": choose another subnet");
                    }
                }
            }
            if (other.bridge().equals(planned.bridge())) {
                problems.add("bridge " + planned.bridge() + " is used by network " + other.name()
                        + ": network ids must differ in their first 12 characters");
            }
        }
        // the engine's own bridges are reported above; a stale bridge of this very network is re-used
        Set<String> known = existing.stream().map(Network::bridge).collect(Collectors.toSet());
        known.add(planned.bridge());
        for (AddressPool mine : planned.ipv4Pools()) {
            Subnet subnet = Subnet.parse(mine.subnet());
            for (HostSubnet used : host) {
                if (used.onLink() && !known.contains(used.device()) && used.subnet().overlaps(subnet)) {
                    problems.add("subnet " + mine.subnet() + " of network " + planned.name() + " overlaps the host's "
                            + used.describe() + ": choose another subnet in ipam.config, or remove that interface"
                            + " (another engine's network?) first");
                }
            }
        }
        return problems;
    }
}
