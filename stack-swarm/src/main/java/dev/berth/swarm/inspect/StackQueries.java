package dev.berth.swarm.inspect;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import dev.berth.swarm.StackNamespace;
import dev.berth.swarm.SwarmConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code stack ls}, {@code stack services} and {@code stack ps} show, read from the manager. */
public final class StackQueries {
    private final DockerClient client;

    public StackQueries(SwarmConnection connection) {
        this.client = connection.client();
    }

    /** Every stack on the swarm (services carrying the namespace label), by name. */
    public List<StackSummary> stacks() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Service service : client.listServicesCmd().exec()) {
            Map<String, String> labels = service.getSpec().getLabels();
            String stack = labels == null ? null : labels.get(StackNamespace.LABEL);
            if (stack != null) {
                counts.merge(stack, 1, Integer::sum);
            }
        }
        List<StackSummary> out = new ArrayList<>();
        counts.forEach((name, n) -> out.add(new StackSummary(name, n)));
        return out;
    }

    public List<ServiceStatus> services(StackNamespace namespace) {
        List<Service> services = stackServices(namespace);
        Map<String, List<Task>> tasks = tasksByService(services);
        return services.stream().map(s -> status(s, tasks.getOrDefault(s.getId(), List.of())))
                .sorted(Comparator.comparing(ServiceStatus::name)).toList();
    }

    public List<TaskStatusRow> tasks(StackNamespace namespace) {
        List<Service> services = stackServices(namespace);
        Map<String, String> nodes = new HashMap<>();
        for (SwarmNode node : client.listSwarmNodesCmd().exec()) {
            nodes.put(node.getId(), node.getDescription() == null ? node.getId() : node.getDescription().getHostname());
        }
        Map<String, Service> byId = new HashMap<>();
        services.forEach(s -> byId.put(s.getId(), s));
        List<TaskStatusRow> rows = new ArrayList<>();
        tasksByService(services).forEach((serviceId, tasks) -> {
            Service service = byId.get(serviceId);
            for (Task task : tasks) {
                rows.add(row(service, task, nodes));
            }
        });
        rows.sort(Comparator.comparing(TaskStatusRow::name).thenComparing(TaskStatusRow::since, Comparator.reverseOrder()));
        return rows;
    }

    private List<Service> stackServices(StackNamespace namespace) {
        return client.listServicesCmd().withLabelFilter(namespace.filter()).exec();
    }

    private Map<String, List<Task>> tasksByService(List<Service> services) {
        Map<String, List<Task>> byService = new HashMap<>();
        if (services.isEmpty()) {
            return byService;
        }
        String[] ids = services.stream().map(Service::getId).toArray(String[]::new);
        for (Task task : client.listTasksCmd().withServiceFilter(ids).exec()) {
            byService.computeIfAbsent(task.getServiceId(), k -> new ArrayList<>()).add(task);
        }
        return byService;
    }

    private static ServiceStatus status(Service service, List<Task> tasks) {
        boolean global = service.getSpec().getMode() != null && service.getSpec().getMode().getGlobal() != null;
        int running = (int) tasks.stream().filter(t -> t.getDesiredState() == TaskState.RUNNING
                && t.getStatus() != null && t.getStatus().getState() == TaskState.RUNNING).count();
        int desired = global
                ? (int) tasks.stream().filter(t -> t.getDesiredState() == TaskState.RUNNING).count()
                : (int) service.getSpec().getMode().getReplicated().getReplicas();
        List<String> ports = new ArrayList<>();
        if (service.getEndpoint() != null && service.getEndpoint().getPorts() != null) {
            for (PortConfig port : service.getEndpoint().getPorts()) {
                ports.add("*:" + port.getPublishedPort() + "->" + port.getTargetPort() + "/"
                        + port.getProtocol().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        String image = service.getSpec().getTaskTemplate().getContainerSpec().getImage();
        return new ServiceStatus(service.getId(), service.getSpec().getName(), global ? "global" : "replicated",
                running, desired, image, ports);
    }

    private static TaskStatusRow row(Service service, Task task, Map<String, String> nodes) {
        String serviceName = service.getSpec().getName();
        String name = task.getSlot() != null && task.getSlot() > 0 ? serviceName + "." + task.getSlot()
                : serviceName + "." + task.getNodeId();
        String node = task.getNodeId() == null ? "" : nodes.getOrDefault(task.getNodeId(), task.getNodeId());
        String state = task.getStatus() == null || task.getStatus().getState() == null ? ""
                : task.getStatus().getState().getValue();
        String error = task.getStatus() == null || task.getStatus().getErr() == null ? "" : task.getStatus().getErr();
        String since = task.getStatus() == null || task.getStatus().getTimestamp() == null ? ""
                : task.getStatus().getTimestamp();
        String image = task.getSpec() == null || task.getSpec().getContainerSpec() == null ? ""
                : task.getSpec().getContainerSpec().getImage();
        String desired = task.getDesiredState() == null ? "" : task.getDesiredState().getValue();
        return new TaskStatusRow(task.getId(), name, serviceName, image, node, desired, state, since, error);
    }
}
