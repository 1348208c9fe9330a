package dev.berth.swarm.convert;

import dev.berth.model.project.IpamPool;
import dev.berth.model.project.NetworkConfig;
import dev.berth.swarm.StackNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Top-level {@code networks} → overlay networks named {@code <stack>_<key>} (the implicit one is {@code default}). */
final class NetworkConverter {
    static final String OVERLAY = "overlay";

    private final StackNamespace namespace;

    NetworkConverter(StackNamespace namespace) {
        this.namespace = namespace;
    }

    List<NetworkPlan> convert(Map<String, NetworkConfig> networks) {
        List<NetworkPlan> plans = new ArrayList<>();
        networks.forEach((key, config) -> plans.add(convert(key, config)));
        return plans;
    }

    private NetworkPlan convert(String key, NetworkConfig config) {
        String name = config.name() != null ? config.name() : namespace.scoped(key);
        if (Boolean.TRUE.equals(config.external())) {
            return new NetworkPlan(key, name, "", false, false, Map.of(), Map.of(), List.of(), true);
        }
        String driver = config.driver() == null || config.driver().isEmpty() ? OVERLAY : config.driver();
        if (!driver.equals(OVERLAY)) {
            throw new StackConversionException("networks." + key + ".driver", driver,
                    "stack networks span the swarm's nodes, which only the overlay driver does",
                    "remove `driver:` or write `driver: overlay`; use an external network for anything else");
        }
        List<String> subnets = config.ipam() == null ? List.of()
                : config.ipam().config().stream().map(IpamPool::subnet).filter(Objects::nonNull).toList();
        return new NetworkPlan(key, name, driver, Boolean.TRUE.equals(config.attachable()),
                Boolean.TRUE.equals(config.internal()), namespace.labelled(config.labels()), config.driverOpts(),
                subnets, false);
    }
}
