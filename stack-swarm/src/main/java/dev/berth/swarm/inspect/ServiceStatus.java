package dev.berth.swarm.inspect;

import java.util.List;

/**
 * One line of {@code stack services}.
 *
 * @param mode {@code replicated} or {@code global}
 * @param running tasks running now
 * @param desired tasks the service asks for (replicas, or one per eligible node when global)
 * @param ports published ports as {@code *:8080->80/tcp}
 */
public record ServiceStatus(String id, String name, String mode, int running, int desired, String image,
                            List<String> ports) {
    public ServiceStatus {
        ports = List.copyOf(ports);
    }

    /** {@code running/desired}, as docker prints REPLICAS. */
    public String replicas() {
        return running + "/" + desired;
    }
}
