package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code volumes} (short syntax to long, bind sources resolved), {@code devices}, {@code gpus}, {@code blkio_config}. */
final class MountCanonicalizer {

    private final PathResolver paths;
    private final Reporter report;
    private final ValueCanonicalizer values;

    MountCanonicalizer(PathResolver paths, Reporter report, ValueCanonicalizer values) {
        this.paths = paths;
        this.report = report;
        this.values = values;
    }

    Node volumes(Node value, String path) {
        if (!(value instanceof ListNode list)) {
            return value;
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Node item = list.get(i);
            MapNode volume = null;
            if (item instanceof ScalarNode s) {
                try {
                    volume = VolumeSyntax.parse(s.text(), s.location());
                } catch (IllegalArgumentException e) {
                    report.error(s, path + "[" + i + "]", e.getMessage(),
                            "write SOURCE:TARGET[:MODE] or use the long syntax");
                    continue;
                }
            } else if (item instanceof MapNode m) {
                volume = m;
            }
            out.add(volume == null ? item : resolveVolume(volume));
        }
        return list.withItems(out);
    }

    MapNode resolveVolume(MapNode volume) {
        MapNode out = volume;
        if (volume.text("target").isPresent()) {
            out = out.with("target", Nodes.str(VolumeSyntax.cleanPath(volume.text("target").get()),
                    volume.get("target").get().location()));
        }
        String type = volume.text("type").orElse("");
        String source = volume.text("source").orElse("");
        if (type.equals("bind") && !source.isEmpty()) {
            out = out.with("source", Nodes.str(paths.hostPath(source), volume.get("source").get().location()));
        }
        if (type.equals("bind")) {
            MapNode bind = volume.map("bind").orElse(Nodes.map(Map.of(), volume.location()));
            if (!bind.has("create_host_path")) {
                out = out.with("bind", bind.with("create_host_path", Nodes.val(true, bind.location())));
            }
        }
        if (volume.get("tmpfs").orElse(null) instanceof MapNode tmpfs && tmpfs.has("size")) {
            out = out.with("tmpfs", tmpfs.with("size", values.bytes(tmpfs.get("size").get(), "tmpfs.size")));
        }
        return out;
    }

    Node devices(Node value, String path) {
        if (!(value instanceof ListNode list)) {
            return value;
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Node item = list.get(i);
            if (!(item instanceof ScalarNode s)) {
                out.add(item);
                continue;
            }
            String[] parts = s.text().split(":", -1);
            if (parts.length > 3 || parts[0].isEmpty()) {
                report.error(s, path + "[" + i + "]", "invalid device: " + s.text(), "write HOST[:CONTAINER[:PERMISSIONS]]");
                continue;
            }
            String target = parts.length > 1 ? parts[1] : parts[0];
            String permissions = parts.length > 2 ? parts[2] : "rwm";
            if (parts.length == 2 && !parts[1].startsWith("/")) {
                target = parts[0];
                permissions = parts[1];
            }
            out.add(new Nodes.MapBuilder(s.location()).put("source", parts[0]).put("target", target)
                    .put("permissions", permissions).build());
        }
        return list.withItems(out);
    }

    Node gpus(Node value) {
        if (value instanceof ScalarNode s && "all".equals(s.text())) {
            return Nodes.list(List.of(new Nodes.MapBuilder(s.location()).put("count", -1L).build()), s.location());
        }
        return value;
    }

    Node blkio(Node value, String path) {
        if (!(value instanceof MapNode blkio)) {
            return value;
        }
        MapNode out = blkio;
        for (String key : List.of("device_read_bps", "device_write_bps")) {
            if (blkio.get(key).orElse(null) instanceof ListNode devices) {
                List<Node> items = new ArrayList<>();
                for (Node device : devices.items()) {
                    items.add(device instanceof MapNode d && d.has("rate")
                            ? d.with("rate", values.bytes(d.get("rate").get(), path + "." + key)) : device);
                }
                out = out.with(key, devices.withItems(items));
            }
        }
        return out;
    }
}
