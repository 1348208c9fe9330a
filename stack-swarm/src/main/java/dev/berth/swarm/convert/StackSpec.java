package dev.berth.swarm.convert;

import dev.berth.swarm.StackNamespace;
import java.util.List;

/** Everything a stack asks Swarm for, in the order it must exist: networks, secrets, configs, then services. */
public record StackSpec(StackNamespace namespace, List<NetworkPlan> networks, List<SwarmObjectPlan> secrets,
                        List<SwarmObjectPlan> configs, List<ServicePlan> services, List<IgnoredOption> ignored) {
    public StackSpec {
        networks = List.copyOf(networks);
        secrets = List.copyOf(secrets);
        configs = List.copyOf(configs);
        services = List.copyOf(services);
        ignored = List.copyOf(ignored);
    }

    /** The secrets and configs together. */
    public List<SwarmObjectPlan> objects() {
        return java.util.stream.Stream.concat(secrets.stream(), configs.stream()).toList();
    }
}
