package dev.berth.swarm.convert;

import dev.berth.model.project.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which of a service's attributes Swarm ignores. The list follows {@code docker stack deploy}: the attributes it
 * calls unsupported or deprecated, plus {@code depends_on} (Swarm starts services without order) and attributes
 * the Engine's service API has but docker-java 3.5.1 cannot send.
 */
final class UnsupportedOptions {
    private record Rule(String attribute, Predicate<Service> isSet, String reason) {
    }

    private static final String NOT_IN_SWARM = "Swarm services do not support it";
    private static final String NOT_SENT = "the service API client (docker-java 3.5.1) has no field for it";

    private static final List<Rule> RULES = List.of(
            new Rule("build", s -> s.build() != null, "Swarm runs images; build and push them first"),
            new Rule("cgroup_parent", s -> s.cgroupParent() != null, NOT_IN_SWARM),
            new Rule("container_name", s -> s.containerName() != null, "tasks are named <stack>_<service>.<slot>"),
            new Rule("depends_on", s -> !s.dependsOn().isEmpty(), "Swarm starts all services at once; make them retry"),
            new Rule("devices", s -> !s.devices().isEmpty(), NOT_IN_SWARM),
            new Rule("domainname", s -> s.domainname() != null, NOT_IN_SWARM),
            new Rule("expose", s -> !s.expose().isEmpty(), "services on a network reach each other on every port"),
            new Rule("external_links", s -> !s.externalLinks().isEmpty(), NOT_IN_SWARM),
            new Rule("ipc", s -> s.ipc() != null, NOT_IN_SWARM),
            new Rule("links", s -> !s.links().isEmpty(), "services find each other by name on shared networks"),
            new Rule("mac_address", s -> s.macAddress() != null, NOT_IN_SWARM),
            new Rule("network_mode", s -> s.networkMode() != null, NOT_IN_SWARM),
            new Rule("pid", s -> s.pid() != null, NOT_IN_SWARM),
            new Rule("privileged", s -> s.privileged() != null, NOT_IN_SWARM),
            new Rule("security_opt", s -> !s.securityOpt().isEmpty(), NOT_IN_SWARM),
            new Rule("shm_size", s -> s.shmSize() != null, NOT_IN_SWARM),
            new Rule("userns_mode", s -> s.usernsMode() != null, NOT_IN_SWARM),
            new Rule("cap_add", s -> !s.capAdd().isEmpty(), NOT_SENT),
            new Rule("cap_drop", s -> !s.capDrop().isEmpty(), NOT_SENT),
            new Rule("sysctls", s -> !s.sysctls().isEmpty(), NOT_SENT),
            new Rule("ulimits", s -> !s.ulimits().isEmpty(), NOT_SENT),
            new Rule("pids_limit", s -> s.pidsLimit() != null, NOT_SENT),
            new Rule("deploy.resources.limits.pids", s -> s.deploy() != null && s.deploy().resources() != null
                    && s.deploy().resources().limits() != null && s.deploy().resources().limits().pids() != null,
                    NOT_SENT));

    private UnsupportedOptions() {
    }

    /** The ignored attributes of every service, in service order then attribute order. */
    static List<IgnoredOption> of(Map<String, Service> services) {
        List<IgnoredOption> ignored = new ArrayList<>();
        services.forEach((key, service) -> {
            for (Rule rule : RULES) {
                if (rule.isSet().test(service)) {
                    ignored.add(new IgnoredOption(key, rule.attribute(), rule.reason()));
                }
            }
            boolean restartPolicySet = service.deploy() != null && service.deploy().restartPolicy() != null;
            if (service.restart() != null && restartPolicySet) {
                ignored.add(new IgnoredOption(key, "restart", "deploy.restart_policy is set and wins"));
            }
        });
        return List.copyOf(ignored);
    }
}
