package dev.berth.swarm.convert;

import java.util.List;
import java.util.Map;

/**
 * A network of the stack: created as {@code driver} (overlay unless the file says otherwise) under {@code name},
 * or looked up when {@code external}.
 */
public record NetworkPlan(String key, String name, String driver, boolean attachable, boolean internal,
                          Map<String, String> labels, Map<String, String> driverOptions, List<String> subnets,
                          boolean external) {
    public NetworkPlan {
        labels = Map.copyOf(labels);
        driverOptions = Map.copyOf(driverOptions);
        subnets = List.copyOf(subnets);
    }
}
