package dev.berth.swarm.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import dev.berth.swarm.StackNamespace;
import dev.berth.swarm.SwarmConnection;
import dev.berth.swarm.convert.ObjectKind;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code stack rm}: the stack's services first (their tasks then stop), then its networks, secrets and configs —
 * everything that carries the stack's namespace label. Returns whether the stack had anything.
 */
public final class StackRemover {
    private final DockerClient client;
    private final SwarmObjects objects;
    private final Consumer<StackEvent> events;

    public StackRemover(SwarmConnection connection, Consumer<StackEvent> events) {
        this.client = connection.client();
        this.objects = new SwarmObjects(client);
        this.events = events;
    }

    public boolean remove(StackNamespace namespace) {
        // by name, as docker stack rm reports them, whatever order the manager lists them in
        List<Service> services = client.listServicesCmd().withLabelFilter(namespace.filter()).exec().stream()
                .sorted(java.util.Comparator.comparing(s -> s.getSpec().getName()))
                .toList();
        for (Service service : services) {
            client.removeServiceCmd(service.getId()).exec();
            events.accept(new StackEvent.ServiceRemoved(service.getSpec().getName()));
        }
        List<SwarmObjects.ObjectRef> secrets = objects.list(ObjectKind.SECRET, namespace.filter());
        List<SwarmObjects.ObjectRef> configs = objects.list(ObjectKind.CONFIG, namespace.filter());
        for (SwarmObjects.ObjectRef object : concat(secrets, configs)) {
            objects.remove(object);
            events.accept(new StackEvent.ObjectRemoved(object.kind(), object.name()));
        }
        List<Network> networks = client.listNetworksCmd().withFilter("label",
                List.of(StackNamespace.LABEL + "=" + namespace.name())).exec();
        for (Network network : networks) {
            NetworkRemoval.removeWhenTasksAreGone(client, network);
            events.accept(new StackEvent.NetworkRemoved(network.getName()));
        }
        return !services.isEmpty() || !secrets.isEmpty() || !configs.isEmpty() || !networks.isEmpty();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
