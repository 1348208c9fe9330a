package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code build}: string form to {@code {context, dockerfile}}, context and local additional contexts resolved. */
final class BuildCanonicalizer {

    private final CanonicalContext ctx;
    private final PathResolver paths;
    private final ValueCanonicalizer values;

    BuildCanonicalizer(CanonicalContext ctx, PathResolver paths, ValueCanonicalizer values) {
        this.ctx = ctx;
        this.paths = paths;
        this.values = values;
    }

    Node build(Node value, String path) {
        MapNode build;
        if (value instanceof ScalarNode s) {
            build = Nodes.map(Map.of("context", Nodes.str(s.text(), s.location())), s.location());
        } else if (value instanceof MapNode m) {
            build = m;
        } else {
            return value;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        String context = build.text("context").orElse(".");
        out.put("context", Nodes.str(PathResolver.isRemote(context) ? context : paths.hostPath(context),
                build.get("context").map(Node::location).orElse(build.location())));
        boolean namesDockerfile = build.text("dockerfile").filter(d -> !d.isEmpty()).isPresent();
        if (!namesDockerfile && !build.has("dockerfile_inline")) {
            out.put("dockerfile", Nodes.str("Dockerfile", build.location()));
        }
        for (Map.Entry<String, Node> e : build.entries().entrySet()) {
            Node v = e.getValue();
            switch (e.getKey()) {
                case "context" -> { }
                case "dockerfile" -> {
                    if (namesDockerfile) {
                        out.put("dockerfile", v);
                    }
                }
                case "args" -> out.put("args", args(v));
                case "labels" -> out.put("labels", ValueCanonicalizer.mapping(v, ""));
                case "extra_hosts" -> out.put("extra_hosts", values.extraHosts(v));
                case "ulimits" -> out.put("ulimits", values.ulimits(v));
                case "shm_size" -> out.put("shm_size", values.bytes(v, path + ".shm_size"));
                case "cache_from", "cache_to", "tags", "platforms", "no_cache_filter", "entitlements" ->
                        out.put(e.getKey(), values.stringList(v));
                case "secrets" -> out.put("secrets", values.fileReferences(v));
                case "ssh" -> out.put("ssh", ssh(v));
                case "additional_contexts" -> out.put("additional_contexts", additionalContexts(v));
                default -> out.put(e.getKey(), v);
            }
        }
        return Nodes.map(out, build.location());
    }

    Node args(Node value) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : KeyValues.entries(value).entrySet()) {
            String v = KeyValues.value(e.getValue());
            if (v == null) {
                v = ctx.lookup().apply(e.getKey()).orElse(null);
            }
            out.put(e.getKey(), v == null ? Nodes.val(null, value.location()) : Nodes.str(v, value.location()));
        }
        return Nodes.map(out, value.location());
    }

    Node additionalContexts(Node value) {
        Node mapping = ValueCanonicalizer.mapping(value, "");
        if (!(mapping instanceof MapNode contexts)) {
            return value;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        contexts.entries().forEach((k, v) -> {
            String text = Nodes.text(v);
            boolean local = !PathResolver.isRemote(text) && !text.startsWith("docker-image:")
                    && !text.startsWith("service:") && !text.startsWith("oci-layout:");
            out.put(k, local ? Nodes.str(paths.hostPath(text), v.location()) : v);
        });
        return contexts.withEntries(out);
    }

    /** {@code ssh: [default, key=path]} or a mapping: the agent id to a key path (relative paths resolved). */
    Node ssh(Node value) {
        if (!(value instanceof ListNode) && !(value instanceof MapNode)) {
            return value;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : KeyValues.entries(value).entrySet()) {
            String path = KeyValues.value(e.getValue());
            Node at = e.getValue() == null ? value : e.getValue();
            out.put(e.getKey(), Nodes.str(path == null || path.isEmpty() ? "" : paths.hostPath(path), at.location()));
        }
        return Nodes.map(out, value.location());
    }
}
