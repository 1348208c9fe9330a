package dev.berth.model.canonical;

import dev.berth.model.problem.Problems;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a merged, interpolated, schema-valid project mapping into the canonical long form that
 * {@code docker compose config} prints: short syntax expanded, lists made mappings, environment resolved, and
 * (per {@link CanonicalContext}) paths made absolute and the model normalised. Top-level keys come out in the
 * order {@code name, services, networks, volumes, secrets, configs, models}, then the rest ({@code x-*});
 * {@code version} is dropped. Invalid short syntax is reported to {@code problems} with its location and left out.
 */
public final class Canonicalizer {

    private static final List<String> RESOURCE_KEYS = List.of("networks", "volumes", "secrets", "configs", "models");

    private Canonicalizer() {
    }

    public static MapNode canonicalize(MapNode project, CanonicalContext ctx, Problems problems) {
        Reporter report = new Reporter(problems);
        ServiceCanonicalizer services = new ServiceCanonicalizer(ctx, report);
        ResourceCanonicalizer resources = new ResourceCanonicalizer(ctx);

        Map<String, Node> serviceOut = new LinkedHashMap<>();
        MapNode declared = project.map("services").orElse(MapNode.empty());
        declared.entries().forEach((name, service) -> serviceOut.put(name,
                service instanceof MapNode m ? services.canonicalize(name, m) : service));
        MapNode servicesNode = new MapNode(serviceOut, declared.keyLocations(), declared.location(), declared.tag());

        Map<String, Node> out = new LinkedHashMap<>();
        out.put("name", Nodes.str(ctx.projectName(), project.get("name").map(Node::location).orElse(project.location())));
        out.put("services", servicesNode);
        for (String kind : RESOURCE_KEYS) {
            project.map(kind).ifPresent(map -> out.put(kind, resources.canonicalize(kind, map)));
        }
        project.entries().forEach((key, value) -> {
            if (!out.containsKey(key) && !key.equals("version") && !RESOURCE_KEYS.contains(key)) {
                out.put(key, value);
            }
        });
        MapNode result = new MapNode(out, project.keyLocations(), project.location(), project.tag());
        return ctx.normalize() ? Normalizer.normalize(result, ctx) : result;
    }
}
