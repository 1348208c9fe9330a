package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A service's {@code labels} mapping: the {@code label_file}s read in order, then {@code labels} on top. */
final class LabelResolver {

    private final CanonicalContext ctx;
    private final PathResolver paths;
    private final Reporter report;

    LabelResolver(CanonicalContext ctx, PathResolver paths, Reporter report) {
        this.ctx = ctx;
        this.paths = paths;
        this.report = report;
    }

    MapNode resolve(MapNode service, String path) {
        Map<String, Node> out = new LinkedHashMap<>();
        Location at = service.get("labels").or(() -> service.get("label_file")).map(Node::location)
                .orElse(service.location());
        service.get("label_file").ifPresent(files -> {
            List<Node> items = files instanceof ListNode l ? l.items() : List.of(files);
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                Path file = paths.readable(Nodes.text(item));
                try {
                    ctx.envFileReader().read(file, null, ctx.lookup()).forEach((k, v) ->
                            out.put(k, Nodes.str(v == null ? "" : v, item.location())));
                } catch (IOException | RuntimeException e) {
                    report.error(item, path + ".label_file[" + i + "]", "failed to read label file " + file + ": "
                            + e.getMessage(), "check that the file exists and is readable");
                }
            }
        });
        service.get("labels").ifPresent(labels -> {
            if (ServiceCanonicalizer.mapping(labels, "") instanceof MapNode m) {
                out.putAll(m.entries());
            }
        });
        return Nodes.map(out, at);
    }
}
