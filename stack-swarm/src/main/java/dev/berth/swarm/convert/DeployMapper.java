package dev.berth.swarm.convert;

import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.ServiceGlobalModeOptions;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import dev.berth.model.project.Deploy;
import dev.berth.model.project.Placement;
import dev.berth.model.project.ResourceSpec;
import dev.berth.model.project.Resources;
import dev.berth.model.project.RestartPolicy;
import dev.berth.model.project.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code deploy} section → mode, update/rollback config, restart policy, placement and resources. */
final class DeployMapper {
    private final String service;
    private final String path;

    DeployMapper(String service) {
        this.service = service;
        this.path = "services." + service + ".deploy";
    }

    ServiceModeConfig mode(Service service) {
        Deploy deploy = service.deploy();
        String mode = deploy == null || deploy.mode() == null ? "replicated" : deploy.mode();
        switch (mode) {
            case "global" -> {
                return new ServiceModeConfig().withGlobal(new ServiceGlobalModeOptions());
            }
            case "replicated" -> {
                Long replicas = deploy != null && deploy.replicas() != null ? deploy.replicas() : service.scale();
                return new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions()
                        .withReplicas(replicas == null ? 1 : Math.toIntExact(replicas)));
            }
            default -> throw new StackConversionException(path + ".mode", mode,
                    "Berth deploys replicated and global services (docker-java 3.5.1 cannot express jobs)",
                    "use `mode: replicated` or `mode: global`");
        }
    }

    UpdateConfig update(dev.berth.model.project.UpdateConfig config, String attribute) {
        if (config == null) {
            return null;
        }
        UpdateConfig out = new UpdateConfig()
                .withParallelism(config.parallelism())
                .withDelay(GoDurations.nanos(config.delay()))
                .withMonitor(GoDurations.nanos(config.monitor()))
                .withMaxFailureRatio(config.maxFailureRatio() == null ? null : config.maxFailureRatio().floatValue());
        if (config.failureAction() != null) {
            out.withFailureAction(switch (config.failureAction()) {
                case "pause" -> UpdateFailureAction.PAUSE;
                case "continue" -> UpdateFailureAction.CONTINUE;
                case "rollback" -> UpdateFailureAction.ROLLBACK;
                default -> throw new StackConversionException(path + "." + attribute + ".failure_action",
                        config.failureAction(), "unknown failure action", "use pause, continue or rollback");
            });
        }
        if (config.order() != null) {
            out.withOrder(switch (config.order()) {
                case "stop-first" -> UpdateOrder.STOP_FIRST;
                case "start-first" -> UpdateOrder.START_FIRST;
                default -> throw new StackConversionException(path + "." + attribute + ".order", config.order(),
                        "unknown update order", "use stop-first or start-first");
            });
        }
        return out;
    }

    /** {@code deploy.restart_policy}, else the service's {@code restart} translated as docker stack does. */
    ServiceRestartPolicy restart(Service service) {
        RestartPolicy policy = service.deploy() == null ? null : service.deploy().restartPolicy();
        if (policy != null) {
            return new ServiceRestartPolicy()
                    .withCondition(policy.condition() == null ? null : condition(policy.condition()))
                    .withDelay(GoDurations.nanos(policy.delay()))
                    .withMaxAttempts(policy.maxAttempts())
                    .withWindow(GoDurations.nanos(policy.window()));
        }
        if (service.restart() == null) {
            return null;
        }
        String restart = service.restart();
        if (restart.equals("no")) {
            return new ServiceRestartPolicy().withCondition(ServiceRestartCondition.NONE);
        }
        if (restart.equals("always") || restart.equals("unless-stopped")) {
            return new ServiceRestartPolicy().withCondition(ServiceRestartCondition.ANY);
        }
        if (restart.startsWith("on-failure")) {
            String[] parts = restart.split(":", 2);
            ServiceRestartPolicy out = new ServiceRestartPolicy().withCondition(ServiceRestartCondition.ON_FAILURE);
            return parts.length == 2 ? out.withMaxAttempts(Long.parseLong(parts[1])) : out;
        }
        throw new StackConversionException("services." + this.service + ".restart", restart,
                "unknown restart policy", "use no, always, unless-stopped or on-failure[:N]");
    }

    private ServiceRestartCondition condition(String condition) {
        return switch (condition) {
            case "none" -> ServiceRestartCondition.NONE;
            case "on-failure" -> ServiceRestartCondition.ON_FAILURE;
            case "any" -> ServiceRestartCondition.ANY;
            default -> throw new StackConversionException(path + ".restart_policy.condition", condition,
                    "unknown restart condition", "use none, on-failure or any");
        };
    }

    ServicePlacement placement(Placement placement) {
        if (placement == null) {
            return null;
        }
        List<String> spreads = new ArrayList<>();
        for (int i = 0; i < placement.preferences().size(); i++) {
            Map<String, Object> preference = placement.preferences().get(i);
            Object spread = preference.get("spread");
            if (preference.size() != 1 || spread == null) {
                throw new StackConversionException(path + ".placement.preferences[" + i + "]", preference,
                        "Swarm knows one placement preference, spread", "write `- spread: node.labels.<label>`");
            }
            spreads.add(spread.toString());
        }
        ServicePlacement out = new PlacementWithPreferences(spreads).withConstraints(placement.constraints());
        if (placement.maxReplicasPerNode() != null) {
            out.withMaxReplicas(Math.toIntExact(placement.maxReplicasPerNode()));
        }
        return out;
    }

    ResourceRequirements resources(Resources resources) {
        if (resources == null) {
            return null;
        }
        return new ResourceRequirements().withLimits(specs(resources.limits()))
                .withReservations(specs(resources.reservations()));
    }

    private static ResourceSpecs specs(ResourceSpec spec) {
        if (spec == null) {
            return null;
        }
        ResourceSpecs out = new ResourceSpecs();
        if (spec.cpus() != null) {
            out.withNanoCPUs(Math.round(spec.cpus() * 1_000_000_000d));
        }
        if (spec.memory() != null) {
            out.withMemoryBytes(spec.memory());
        }
        return out;
    }
}
