package dev.berth.model.canonical;

import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;

import java.util.List;

/** {@code deploy}: labels to a mapping, durations normalised, memory sizes in bytes. */
final class DeployCanonicalizer {

    private final ValueCanonicalizer values;

    DeployCanonicalizer(ValueCanonicalizer values) {
        this.values = values;
    }

    Node deploy(Node value, String path) {
        if (!(value instanceof MapNode deploy)) {
            return value;
        }
        MapNode out = deploy;
        if (deploy.has("labels")) {
            out = out.with("labels", ValueCanonicalizer.mapping(deploy.get("labels").get(), ""));
        }
        if (deploy.get("restart_policy").orElse(null) instanceof MapNode rp) {
            out = out.with("restart_policy", values.durations(rp, path + ".restart_policy", "delay", "window"));
        }
        for (String key : List.of("update_config", "rollback_config")) {
            if (deploy.get(key).orElse(null) instanceof MapNode uc) {
                out = out.with(key, values.durations(uc, path + "." + key, "delay", "monitor"));
            }
        }
        if (deploy.get("resources").orElse(null) instanceof MapNode resources) {
            MapNode r = resources;
            for (String key : List.of("limits", "reservations")) {
                if (resources.get(key).orElse(null) instanceof MapNode limits && limits.has("memory")) {
                    r = r.with(key, limits.with("memory", values.bytes(limits.get("memory").get(), path + ".resources." + key)));
                }
            }
            out = out.with("resources", r);
        }
        return out;
    }
}
