package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops top-level networks, volumes, secrets and configs that no service of a canonical project uses (what
 * Compose does for the selected services unless {@code --all-resources}). Run it after profiles are applied.
 */
public final class UnusedResources {

    private UnusedResources() {
    }

    public static MapNode prune(MapNode canonical) {
        Set<String> networks = new HashSet<>();
        Set<String> volumes = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        Set<String> configs = new HashSet<>();
        canonical.map("services").ifPresent(services -> services.entries().values().forEach(node -> {
            if (node instanceof MapNode service) {
                service.map("networks").ifPresent(n -> networks.addAll(n.entries().keySet()));
                for (Node v : items(service.get("volumes").orElse(null))) {
                    if (v instanceof MapNode m && "volume".equals(m.text("type").orElse("")) && m.text("source").isPresent()) {
                        volumes.add(m.text("source").get());
                    }
                }
                sources(service.get("secrets").orElse(null), secrets);
                service.map("build").ifPresent(b -> sources(b.get("secrets").orElse(null), secrets));
                sources(service.get("configs").orElse(null), configs);
            }
        }));
        MapNode out = canonical;
        out = keep(out, "networks", networks);
        out = keep(out, "volumes", volumes);
        out = keep(out, "secrets", secrets);
        return keep(out, "configs", configs);
    }

    private static void sources(Node refs, Set<String> into) {
        for (Node ref : items(refs)) {
            if (ref instanceof MapNode m) {
                m.text("source").ifPresent(into::add);
            }
        }
    }

    private static List<Node> items(Node node) {
        return node instanceof ListNode l ? l.items() : List.of();
    }

    private static MapNode keep(MapNode project, String kind, Set<String> used) {
        MapNode resources = project.map(kind).orElse(null);
        if (resources == null) {
            return project;
        }
        Map<String, Node> kept = new LinkedHashMap<>();
        resources.entries().forEach((k, v) -> {
            if (used.contains(k)) {
                kept.put(k, v);
            }
        });
        return kept.isEmpty() ? project.without(kind) : project.with(kind, resources.withEntries(kept));
    }
}
