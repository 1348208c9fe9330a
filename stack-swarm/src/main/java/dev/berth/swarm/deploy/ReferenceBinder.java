package dev.berth.swarm.deploy;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import java.util.Map;

/**
 * Puts the IDs of networks, secrets and configs into a service spec that names them. The Engine reports services
 * with IDs, so only a bound spec can be compared with the current one. Binds in place: a converted stack is deployed
 * once.
 */
final class ReferenceBinder {
    private final Map<String, String> networkIds;
    private final Map<String, String> secretIds;
    private final Map<String, String> configIds;

    ReferenceBinder(Map<String, String> networkIds, Map<String, String> secretIds, Map<String, String> configIds) {
        this.networkIds = networkIds;
        this.secretIds = secretIds;
        this.configIds = configIds;
    }

    ServiceSpec bind(ServiceSpec spec) {
        TaskSpec task = spec.getTaskTemplate();
        if (task.getNetworks() != null) {
            for (NetworkAttachmentConfig network : task.getNetworks()) {
                network.withTarget(id("network", networkIds, network.getTarget()));
            }
        }
        ContainerSpec container = task.getContainerSpec();
        if (container.getSecrets() != null) {
            container.getSecrets().forEach(s -> s.withSecretId(id("secret", secretIds, s.getSecretName())));
        }
        if (container.getConfigs() != null) {
            container.getConfigs().forEach(c -> c.withConfigID(id("config", configIds, c.getConfigName())));
        }
        return spec;
    }

    private static String id(String kind, Map<String, String> ids, String name) {
        String id = ids.get(name);
        if (id == null) {
            throw new IllegalStateException("the swarm has no " + kind + " named " + name + "; an external " + kind
                    + " must exist before the deploy: create it with `docker " + kind + " create`");
        }
        return id;
    }
}
