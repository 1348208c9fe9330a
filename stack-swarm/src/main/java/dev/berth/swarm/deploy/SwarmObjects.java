package dev.berth.swarm.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.SecretSpec;
import dev.berth.swarm.convert.ObjectKind;
import dev.berth.swarm.convert.SwarmObjectPlan;
import java.util.List;
import java.util.Map;

/** Secrets and configs through one interface: list by label, create from a plan, remove by ID. */
final class SwarmObjects {
    /** A secret or config as the swarm holds it. */
    record ObjectRef(ObjectKind kind, String id, String name) {
    }

    private final DockerClient client;

    SwarmObjects(DockerClient client) {
        this.client = client;
    }

    List<ObjectRef> list(ObjectKind kind, Map<String, String> labels) {
        if (kind == ObjectKind.SECRET) {
            return client.listSecretsCmd().withLabelFilter(labels).exec().stream()
                    .map(s -> new ObjectRef(kind, s.getId(), s.getSpec().getName())).toList();
        }
        List<String> filters = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return client.listConfigsCmd().withFilters(Map.of("label", filters)).exec().stream()
                .map(c -> new ObjectRef(kind, c.getId(), c.getSpec().getName())).toList();
    }

    List<ObjectRef> named(ObjectKind kind, String name) {
        if (kind == ObjectKind.SECRET) {
            return client.listSecretsCmd().withNameFilter(List.of(name)).exec().stream()
                    .filter(s -> name.equals(s.getSpec().getName()))
                    .map(s -> new ObjectRef(kind, s.getId(), name)).toList();
        }
        return client.listConfigsCmd().withFilters(Map.of("name", List.of(name))).exec().stream()
                .filter(c -> name.equals(c.getSpec().getName()))
                .map(c -> new ObjectRef(kind, c.getId(), name)).toList();
    }

    String create(SwarmObjectPlan plan) {
        if (plan.kind() == ObjectKind.SECRET) {
            SecretSpec spec = new EncodedSecretSpec(plan.data()).withName(plan.name()).withLabels(plan.labels());
            return client.createSecretCmd(spec).exec().getId();
        }
        return client.createConfigCmd().withName(plan.name()).withLabels(plan.labels()).withData(plan.data())
                .exec().getId();
    }

    void remove(ObjectRef object) {
        if (object.kind() == ObjectKind.SECRET) {
            client.removeSecretCmd(object.id()).exec();
        } else {
            client.removeConfigCmd(object.id()).exec();
        }
    }
}
