package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code docker compose config} adds unless {@code --no-normalize}: services without {@code networks} or
 * {@code network_mode} join {@code default}; a used {@code default} network is declared as
 * {@code <project>_default}; non-external resources get the engine name {@code <project>_<key>} (external ones
 * their key); {@code links}, {@code volumes_from} and {@code service:x} namespace modes become {@code depends_on}.
 */
final class Normalizer {

    private static final List<String> NAMESPACES = List.of("network_mode", "ipc", "pid", "uts", "cgroup");

    private Normalizer() {
    }

    static MapNode normalize(MapNode project, CanonicalContext ctx) {
        MapNode services = project.map("services").orElse(MapNode.empty());
        Map<String, Node> serviceOut = new LinkedHashMap<>();
        boolean usesDefault = false;
        for (Map.Entry<String, Node> e : services.entries().entrySet()) {
            if (!(e.getValue() instanceof MapNode service)) {
                serviceOut.put(e.getKey(), e.getValue());
                continue;
            }
            boolean noNetworks = service.map("networks").map(n -> n.size() == 0).orElse(!service.has("networks"));
            if (noNetworks && !service.has("network_mode")) {
                service = service.with("networks",
                        Nodes.map(Map.of("default", Nodes.val(null, service.location())), service.location()));
            }
            if (service.map("networks").map(n -> n.has("default")).orElse(false)) {
                usesDefault = true;
            }
            serviceOut.put(e.getKey(), implicitDependencies(service));
        }
        MapNode out = project.with("services", services.withEntries(serviceOut));
        MapNode networks = out.map("networks").orElse(null);
        if (usesDefault && (networks == null || !networks.has("default"))) {
            Map<String, Node> entries = new LinkedHashMap<>();
            entries.put("default", Nodes.map(Map.of(), project.location()));
            if (networks != null) {
                entries.putAll(networks.entries());
            }
            networks = networks == null ? Nodes.map(entries, project.location()) : networks.withEntries(entries);
            out = insertAfter(out, "services", "networks", networks);
        }
        for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
            MapNode resources = out.map(kind).orElse(null);
            if (resources != null) {
                out = out.with(kind, named(resources, ctx.projectName()));
            }
        }
        return out;
    }

    private static MapNode named(MapNode resources, String project) {
        Map<String, Node> out = new LinkedHashMap<>();
        resources.entries().forEach((key, value) -> {
            if (value instanceof MapNode m && !m.has("name")) {
                boolean external = m.get("external").map(n -> "true".equals(Nodes.text(n))).orElse(false);
                Map<String, Node> entries = new LinkedHashMap<>();
                entries.put("name", Nodes.str(external ? key : project + "_" + key, m.location()));
                entries.putAll(m.entries());
                out.put(key, m.withEntries(entries));
            } else {
                out.put(key, value);
            }
        });
        return resources.withEntries(out);
    }

    private static MapNode implicitDependencies(MapNode service) {
        Map<String, Node> deps = new LinkedHashMap<>();
        service.map("depends_on").ifPresent(d -> deps.putAll(d.entries()));
        int before = deps.size();
        service.get("links").filter(ListNode.class::isInstance).ifPresent(links -> {
            for (Node link : ((ListNode) links).items()) {
                String target = Nodes.text(link).split(":", 2)[0];
                deps.putIfAbsent(target, implicit(true, link));
            }
        });
        for (String key : NAMESPACES) {
            service.text(key).filter(v -> v.startsWith("service:"))
                    .ifPresent(v -> deps.putIfAbsent(v.substring(8), implicit(true, service.get(key).get())));
        }
        service.get("volumes_from").filter(ListNode.class::isInstance).ifPresent(from -> {
            for (Node item : ((ListNode) from).items()) {
                String text = Nodes.text(item);
                if (!text.startsWith("container:")) {
                    String reference = text.startsWith("service:") ? text.substring("service:".length()) : text;
                    deps.putIfAbsent(reference.split(":", 2)[0], implicit(false, item));
                }
            }
        });
        if (deps.size() == before) {
            return service;
        }
        Node at = service.get("depends_on").orElse(service);
        return service.with("depends_on", Nodes.map(deps, at.location()));
    }

    private static MapNode implicit(boolean restart, Node at) {
        return new Nodes.MapBuilder(at.location()).put("condition", "service_started").put("required", true)
                .put("restart", restart).build();
    }

    private static MapNode insertAfter(MapNode map, String after, String key, Node value) {
        Map<String, Node> out = new LinkedHashMap<>();
        map.entries().forEach((k, v) -> {
            if (!k.equals(key)) {
                out.put(k, v);
            }
            if (k.equals(after)) {
                out.put(key, value);
            }
        });
        return map.withEntries(out);
    }
}
