package dev.berth.model.canonical;

import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Top-level networks, volumes, secrets, configs and models: a null definition becomes an empty mapping,
 * legacy {@code external: {name: x}} becomes {@code name: x, external: true}, labels become a mapping and
 * secret/config files are resolved against the project directory.
 */
final class ResourceCanonicalizer {

    private final PathResolver paths;
    private final CanonicalContext ctx;

    ResourceCanonicalizer(CanonicalContext ctx) {
        this.paths = new PathResolver(ctx);
        this.ctx = ctx;
    }

    MapNode canonicalize(String kind, MapNode resources) {
        Map<String, Node> out = new LinkedHashMap<>();
        resources.entries().forEach((key, value) -> {
            if (value instanceof ScalarNode s && s.isNull()) {
                out.put(key, Nodes.map(Map.of(), value.location()));
            } else if (value instanceof MapNode m) {
                out.put(key, switch (kind) {
                    case "configs", "secrets" -> withEnvironmentContent(resource(m));
                    case "volumes" -> withBindDevice(resource(m));
                    default -> resource(m);
                });
            } else {
                out.put(key, value);
            }
        });
        return resources.withEntries(out);
    }

    /** A local volume bind-mounting a relative {@code device} gets it resolved against the project directory. */
    private MapNode withBindDevice(MapNode volume) {
        MapNode opts = volume.map("driver_opts").orElse(null);
        if (opts == null || !opts.text("o").orElse("").contains("bind") || opts.text("device").isEmpty()) {
            return volume;
        }
        Node device = opts.get("device").get();
        return volume.with("driver_opts", opts.with("device", Nodes.str(paths.hostPath(Nodes.text(device)),
                device.location())));
    }

    /** A secret or config from {@code environment: VAR} gets the variable's value as {@code content}, as Compose does. */
    private MapNode withEnvironmentContent(MapNode config) {
        if (config.has("content") || config.text("environment").isEmpty()) {
            return config;
        }
        Node variable = config.get("environment").get();
        return ctx.lookup().apply(Nodes.text(variable))
                .map(value -> config.with("content", Nodes.str(value, variable.location())))
                .orElse(config);
    }

    private MapNode resource(MapNode resource) {
        MapNode out = resource;
        if (resource.get("external").orElse(null) instanceof MapNode external && !resource.has("name")) {
            Map<String, Node> entries = new LinkedHashMap<>();
            external.get("name").ifPresent(n -> entries.put("name", n));
            resource.entries().forEach((k, v) -> entries.put(k, k.equals("external") ? Nodes.val(true, v.location()) : v));
            out = resource.withEntries(entries);
        }
        if (out.has("labels")) {
            out = out.with("labels", ServiceCanonicalizer.mapping(out.get("labels").get(), ""));
        }
        if (out.get("driver_opts").orElse(null) instanceof MapNode opts) {
            out = out.with("driver_opts", ServiceCanonicalizer.mapping(opts, ""));
        }
        if (out.text("file").isPresent()) {
            out = out.with("file", Nodes.str(paths.hostPath(out.text("file").get()), out.get("file").get().location()));
        }
        return out;
    }
}
