package dev.berth.model.extend;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import dev.berth.model.tree.Tag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Makes the relative paths of definitions taken from another Compose file absolute against that file's
 * directory, so they keep pointing where their author meant once copied into another file: build contexts
 * (not URLs), additional build contexts, {@code env_file}, {@code label_file}, bind-mount sources,
 * {@code extends.file}, {@code develop.watch[].path}, and the {@code file} of top-level secrets and configs.
 */
public final class PathRebaser {

    private static final List<String> NON_PATH_CONTEXT_PREFIXES = List.of("docker-image://", "service:",
            "oci-layout://", "target:");

    private final Path dir;

    private PathRebaser(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** One service definition with its relative paths made absolute against {@code dir}. */
    public static MapNode rebaseService(MapNode service, Path dir) {
        return new PathRebaser(dir).service(service);
    }

    /**
     * A whole Compose file with the relative paths of its services, secrets and configs made absolute
     * against {@code dir}.
     */
    public static MapNode rebaseResources(MapNode file, Path dir) {
        PathRebaser rebaser = new PathRebaser(dir);
        MapNode out = file;
        out = rebaser.eachValue(out, "services", v -> v instanceof MapNode m ? rebaser.service(m) : v);
        for (String section : List.of("secrets", "configs")) {
            out = rebaser.eachValue(out, section, v -> v instanceof MapNode m ? rebaser.field(m, "file") : v);
        }
        return out;
    }

    private MapNode service(MapNode service) {
        MapNode out = service;
        if (out.get("build").orElse(null) instanceof ScalarNode context && !context.isNull()) {
            out = out.with("build", isRemote(context.text()) ? context : path(context));
        } else if (out.get("build").orElse(null) instanceof MapNode build) {
            out = out.with("build", build(build));
        }
        out = replace(out, "env_file", this::fileList);
        out = replace(out, "label_file", this::fileList);
        out = replace(out, "volumes", this::volumes);
        if (out.get("extends").orElse(null) instanceof MapNode ext) {
            out = out.with("extends", field(ext, "file"));
        }
        if (out.get("develop").orElse(null) instanceof MapNode develop
                && develop.get("watch").orElse(null) instanceof ListNode watch) {
            out = out.with("develop", develop.with("watch", eachItem(watch, w -> w instanceof MapNode m
                    ? field(m, "path") : w)));
        }
        return out;
    }

    private MapNode build(MapNode build) {
        MapNode out = build;
        if (out.get("context").orElse(null) instanceof ScalarNode context && !context.isNull()) {
            out = isRemote(context.text()) ? out : out.with("context", path(context));
        } else if (!out.has("context")) {
            out = out.with("context", new ScalarNode(dir.toString(), true, build.location(),
                    Tag.NONE));
        }
        Node extra = out.get("additional_contexts").orElse(null);
        if (extra instanceof MapNode contexts) {
            Map<String, Node> entries = new LinkedHashMap<>();
            contexts.entries().forEach((k, v) -> entries.put(k, v instanceof ScalarNode s && isLocal(s.text())
                    ? path(s) : v));
            out = out.with("additional_contexts", contexts.withEntries(entries));
        } else if (extra instanceof ListNode contexts) {
            out = out.with("additional_contexts", eachItem(contexts, this::namedContext));
        }
        return out;
    }

    private Node namedContext(Node item) {
        if (item instanceof ScalarNode s && s.text().contains("=")) {
            int eq = s.text().indexOf('=');
            String value = s.text().substring(eq + 1);
            if (isLocal(value)) {
                return s.withValue(s.text().substring(0, eq + 1) + absolute(value));
            }
        }
        return item;
    }

    private Node fileList(Node node) {
        if (node instanceof ScalarNode s && !s.isNull()) {
            return path(s);
        }
        if (node instanceof ListNode list) {
            return eachItem(list, this::fileEntry);
        }
        return node;
    }

    private Node fileEntry(Node entry) {
        if (entry instanceof MapNode map) {
            return field(map, "path");
        }
        if (entry instanceof ScalarNode s && !s.isNull()) {
            return path(s);
        }
        return entry;
    }

    private Node volumes(Node node) {
        if (!(node instanceof ListNode list)) {
            return node;
        }
        return eachItem(list, item -> {
            if (item instanceof ScalarNode s && s.isString() && s.text().startsWith(".")) {
                String spec = s.text();
                int colon = spec.indexOf(':');
                String source = colon < 0 ? spec : spec.substring(0, colon);
                String rest = colon < 0 ? "" : spec.substring(colon);
                return s.withValue(absolute(source) + rest);
            }
            if (item instanceof MapNode m && m.text("source").isPresent()) {
                String type = m.text("type").orElse("");
                String source = m.text("source").get();
                if (type.equals("bind") || (type.isEmpty() && source.startsWith("."))) {
                    return field(m, "source");
                }
            }
            return item;
        });
    }

    private MapNode field(MapNode map, String key) {
        if (map.get(key).orElse(null) instanceof ScalarNode s && !s.isNull()) {
            return map.with(key, path(s));
        }
        return map;
    }

    private ScalarNode path(ScalarNode value) {
        String text = value.text();
        String rebased = absolute(text);
        return rebased.equals(text) ? value : new ScalarNode(rebased, true, value.location(), value.tag());
    }

    private String absolute(String text) {
        if (text.isEmpty() || text.startsWith("~") || text.startsWith("/") || Path.of(text).isAbsolute()) {
            return text;
        }
        return dir.resolve(text).normalize().toString();
    }

    private static boolean isRemote(String context) {
        return context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/");
    }

    private static boolean isLocal(String context) {
        return !isRemote(context) && NON_PATH_CONTEXT_PREFIXES.stream().noneMatch(context::startsWith);
    }

    private static MapNode replace(MapNode map, String key, UnaryOperator<Node> change) {
        return map.get(key).map(v -> map.with(key, change.apply(v))).orElse(map);
    }

    private MapNode eachValue(MapNode file, String section, UnaryOperator<Node> change) {
        if (!(file.get(section).orElse(null) instanceof MapNode entries)) {
            return file;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        entries.entries().forEach((k, v) -> out.put(k, change.apply(v)));
        return file.with(section, entries.withEntries(out));
    }

    private static ListNode eachItem(ListNode list, UnaryOperator<Node> change) {
        List<Node> items = new ArrayList<>(list.size());
        list.items().forEach(i -> items.add(change.apply(i)));
        return list.withItems(items);
    }
}
