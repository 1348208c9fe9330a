package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's final {@code environment} mapping: the {@code env_file}s read top-down (last wins), then
 * {@code environment} on top; bare keys take their value from the project environment and are dropped if unset.
 */
final class EnvironmentResolver {

    private final CanonicalContext ctx;
    private final PathResolver paths;
    private final Reporter report;

    EnvironmentResolver(CanonicalContext ctx, PathResolver paths, Reporter report) {
        this.ctx = ctx;
        this.paths = paths;
        this.report = report;
    }

    MapNode resolve(MapNode service, String path) {
        Map<String, Node> out = new LinkedHashMap<>();
        Location at = service.get("environment").or(() -> service.get("env_file")).map(Node::location)
                .orElse(service.location());
        service.get("env_file").ifPresent(files -> readEnvFiles(files, path + ".env_file", out));
        service.get("environment").ifPresent(env -> {
            for (Map.Entry<String, Node> e : KeyValues.entries(env).entrySet()) {
                String key = e.getKey();
                Node valueAt = e.getValue() == null ? env : e.getValue();
                if (!key.equals(key.stripTrailing())) {
                    report.error(valueAt, path + ".environment",
                            "environment variable " + key + " is declared with a trailing space",
                            "remove the blank between the name and '='");
                    continue;
                }
                String value = KeyValues.value(e.getValue());
                if (value == null) {
                    value = ctx.lookup().apply(key).orElse(null);
                }
                out.remove(key);
                if (value != null) {
                    out.put(key, Nodes.str(value, valueAt.location()));
                }
            }
        });
        return Nodes.map(out, at);
    }

    private void readEnvFiles(Node files, String path, Map<String, Node> out) {
        ListNode list = files instanceof ListNode l ? l : Nodes.list(java.util.List.of(files), files.location());
        for (int i = 0; i < list.size(); i++) {
            Node item = list.get(i);
            String file;
            boolean required = true;
            String format = null;
            if (item instanceof MapNode m) {
                file = m.text("path").orElse("");
                required = m.get("required").map(n -> !"false".equals(Nodes.text(n))).orElse(true);
                format = m.text("format").orElse(null);
            } else {
                file = Nodes.text(item);
            }
            Path resolved = paths.readable(file);
            try {
                for (Map.Entry<String, String> e : ctx.envFileReader().read(resolved, format, ctx.lookup()).entrySet()) {
                    String value = e.getValue() != null ? e.getValue() : ctx.lookup().apply(e.getKey()).orElse(null);
                    out.remove(e.getKey());
                    if (value != null) {
                        out.put(e.getKey(), Nodes.str(value, item.location()));
                    }
                }
            } catch (NoSuchFileException e) {
                if (required) {
                    report.error(item, path + "[" + i + "]", "env file " + resolved + " not found: no such file or directory",
                            "create the file or mark it `required: false`");
                }
            } catch (IOException | RuntimeException e) {
                report.error(item, path + "[" + i + "]", "failed to read env file " + resolved + ": " + e.getMessage(),
                        "check the file's syntax and permissions");
            }
        }
    }
}
