package dev.berth.swarm.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;
import dev.berth.swarm.StackNamespace;
import dev.berth.swarm.SwarmConnection;
import dev.berth.swarm.convert.NetworkPlan;
import dev.berth.swarm.convert.ServicePlan;
import dev.berth.swarm.convert.StackSpec;
import dev.berth.swarm.convert.SwarmObjectPlan;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Converges a swarm to a stack: creates the networks, secrets and configs that are missing, creates services that
 * do not exist and updates those whose spec changed (passing the version read, so a concurrent change is refused
 * rather than overwritten), leaves the others alone, then removes services the file dropped ({@code --prune}) and
 * the old versions of secrets and configs. Swarm itself rolls tasks over by each service's update config.
 */
public final class StackDeployer {
    private final DockerClient client;
    private final ServiceWriter writer;
    private final SwarmObjects objects;
    private final Consumer<StackEvent> events;

    public StackDeployer(SwarmConnection connection, Consumer<StackEvent> events) {
        this.client = connection.client();
        this.writer = new ServiceWriter(client, connection.apiVersion());
        this.objects = new SwarmObjects(client);
        this.events = events;
    }

    public void deploy(StackSpec stack, DeployOptions options) {
        if (!stack.ignored().isEmpty()) {
            events.accept(new StackEvent.OptionsIgnored(stack.ignored()));
        }
        Map<String, String> networkIds = ensureNetworks(stack.networks());
        Map<String, String> secretIds = ensureObjects(stack.secrets());
        Map<String, String> configIds = ensureObjects(stack.configs());
        ReferenceBinder binder = new ReferenceBinder(networkIds, secretIds, configIds);
        RegistryAuths auths = new RegistryAuths(options.dockerConfigDir(), options.helperEnvironment());
        Map<String, Service> current = currentServices(stack.namespace());
        for (ServicePlan plan : stack.services()) {
            Optional<AuthConfig> auth = options.withRegistryAuth() ? auths.forImage(plan.image()) : Optional.empty();
            converge(binder.bind(plan.spec()), current.get(plan.name()), auth);
        }
        if (options.prune()) {
            Set<String> wanted = stack.services().stream().map(ServicePlan::name).collect(Collectors.toSet());
            current.values().stream().filter(s -> !wanted.contains(s.getSpec().getName())).forEach(s -> {
                client.removeServiceCmd(s.getId()).exec();
                events.accept(new StackEvent.ServiceRemoved(s.getSpec().getName()));
            });
        }
        removeOldVersions(stack.namespace(), stack.objects());
    }

    private void converge(ServiceSpec desired, Service current, Optional<AuthConfig> auth) {
        String hash = SpecJson.hash(desired);
        Map<String, String> labels = new LinkedHashMap<>(desired.getLabels());
        labels.put(SpecJson.HASH_LABEL, hash);
        desired.withLabels(labels);
        if (current == null) {
            writer.create(desired, auth);
            events.accept(new StackEvent.ServiceCreated(desired.getName()));
            return;
        }
        Map<String, String> currentLabels = current.getSpec().getLabels() == null ? Map.of() : current.getSpec().getLabels();
        if (hash.equals(currentLabels.get(SpecJson.HASH_LABEL)) && SpecJson.holds(current.getSpec(), desired)) {
            events.accept(new StackEvent.ServiceUnchanged(desired.getName()));
            return;
        }
        long version = current.getVersion().getIndex();
        writer.update(current.getId(), version, desired, auth);
        events.accept(new StackEvent.ServiceUpdated(desired.getName(), version));
    }

    private Map<String, Service> currentServices(StackNamespace namespace) {
        Map<String, Service> byName = new HashMap<>();
        client.listServicesCmd().withLabelFilter(namespace.filter()).exec()
                .forEach(s -> byName.put(s.getSpec().getName(), s));
        return byName;
    }

    private Map<String, String> ensureNetworks(List<NetworkPlan> networks) {
        Map<String, String> ids = new HashMap<>();
        for (NetworkPlan plan : networks) {
            Optional<Network> existing = client.listNetworksCmd().withNameFilter(plan.name()).exec().stream()
                    .filter(n -> n.getName().equals(plan.name())).findFirst();
            if (existing.isPresent()) {
                ids.put(plan.name(), existing.get().getId());
                continue;
            }
            if (plan.external()) {
                throw new IllegalStateException("network " + plan.name() + " (networks." + plan.key() + ") is external"
                        + " but the swarm has none of that name; create it with `docker network create -d overlay "
                        + plan.name() + "` or drop `external: true`");
            }
            CreateNetworkCmd create = client.createNetworkCmd().withName(plan.name()).withDriver(plan.driver())
                    .withAttachable(plan.attachable()).withInternal(plan.internal()).withLabels(plan.labels())
                    .withOptions(plan.driverOptions());
            if (!plan.subnets().isEmpty()) {
                create.withIpam(new Network.Ipam().withConfig(plan.subnets().stream()
                        .map(s -> new Network.Ipam.Config().withSubnet(s)).toList()));
            }
            ids.put(plan.name(), create.exec().getId());
            events.accept(new StackEvent.NetworkCreated(plan.name()));
        }
        return ids;
    }

    private Map<String, String> ensureObjects(List<SwarmObjectPlan> plans) {
        Map<String, String> ids = new HashMap<>();
        for (SwarmObjectPlan plan : plans) {
            List<SwarmObjects.ObjectRef> existing = objects.named(plan.kind(), plan.name());
            if (!existing.isEmpty()) {
                ids.put(plan.name(), existing.get(0).id());
            } else if (plan.external()) {
                throw new IllegalStateException(plan.kind().word() + " " + plan.name() + " (" + plan.kind().word() + "s."
                        + plan.key() + ") is external but the swarm has none of that name; create it with `docker "
                        + plan.kind().word() + " create " + plan.name() + " FILE` or drop `external: true`");
            } else {
                ids.put(plan.name(), objects.create(plan));
                events.accept(new StackEvent.ObjectCreated(plan.kind(), plan.name()));
            }
        }
        return ids;
    }

    /** Versions of the stack's secrets and configs other than the current one, once no service spec uses them. */
    private void removeOldVersions(StackNamespace namespace, List<SwarmObjectPlan> plans) {
        for (SwarmObjectPlan plan : plans) {
            if (plan.external()) {
                continue;
            }
            Map<String, String> filter = new HashMap<>(namespace.filter());
            filter.put(SwarmObjectPlan.BASE_LABEL, plan.baseName());
            for (SwarmObjects.ObjectRef old : objects.list(plan.kind(), filter)) {
                if (!old.name().equals(plan.name())) {
                    remove(old);
                }
            }
        }
    }

    private void remove(SwarmObjects.ObjectRef old) {
        try {
            objects.remove(old);
            events.accept(new StackEvent.ObjectRemoved(old.kind(), old.name()));
        } catch (DockerException e) {
            events.accept(new StackEvent.ObjectKept(old.kind(), old.name(), String.valueOf(e.getMessage()).strip()));
        }
    }
}
