package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Value-level canonical forms shared by the service transforms: lists, mappings, durations, byte sizes, commands. */
final class ValueCanonicalizer {

    private final Reporter report;

    ValueCanonicalizer(Reporter report) {
        this.report = report;
    }

    Node stringList(Node value) {
        if (value instanceof ScalarNode s) {
            return s.isNull() ? value : Nodes.list(List.of(Nodes.str(s.text(), s.location())), s.location());
        }
        if (value instanceof ListNode l) {
            List<Node> items = new ArrayList<>();
            for (Node item : l.items()) {
                items.add(item instanceof ScalarNode s && !s.isString() && !s.isNull() ? Nodes.str(s.text(), s.location()) : item);
            }
            return l.withItems(items);
        }
        return value;
    }

    Node command(Node value, String path) {
        if (value instanceof ScalarNode s && !s.isNull()) {
            try {
                ShellWords.Split split = ShellWords.splitAt(s.text());
                if (split.stoppedAt() >= 0) {
                    report.warning(s, path, "the command stops at the unquoted '" + s.text().charAt(split.stoppedAt())
                            + "': Compose splits it into words and does not run a shell",
                            "write it as a list, e.g. [sh, -c, \"...\"]");
                }
                List<Node> words = new ArrayList<>();
                for (String word : split.words()) {
                    words.add(Nodes.str(word, s.location()));
                }
                return Nodes.list(words, s.location());
            } catch (IllegalArgumentException e) {
                report.error(s, path, e.getMessage(), "close the quote or write the command as a list");
            }
        }
        return stringList(value);
    }

    Node duration(Node value, String path) {
        if (!(value instanceof ScalarNode s) || s.isNull()) {
            return value;
        }
        try {
            Duration d = GoDuration.parse(s.text());
            return Nodes.str(GoDuration.format(d), s.location());
        } catch (IllegalArgumentException e) {
            report.error(s, path, e.getMessage(), "write a duration such as 1m30s, 10s or 500ms");
            return value;
        }
    }

    Node bytes(Node value, String path) {
        if (!(value instanceof ScalarNode s) || s.isNull()) {
            return value;
        }
        if (s.value() instanceof Long || s.value() instanceof java.math.BigInteger) {
            return value;
        }
        try {
            return Nodes.val(ByteSize.parse(s.text()), s.location());
        } catch (IllegalArgumentException e) {
            report.error(s, path, e.getMessage(), "write a byte value such as 512m, 1g or 1024");
            return value;
        }
    }

    Node extraHosts(Node value) {
        Map<String, List<Node>> hosts = new LinkedHashMap<>();
        if (value instanceof ListNode list) {
            for (Node item : list.items()) {
                String text = Nodes.text(item);
                if (text == null) {
                    continue;
                }
                int sep = text.indexOf('=');
                if (sep < 0) {
                    sep = text.indexOf(':');
                }
                String host = sep < 0 ? text : text.substring(0, sep);
                String ip = sep < 0 ? "" : text.substring(sep + 1);
                if (ip.startsWith("[") && ip.endsWith("]")) {
                    ip = ip.substring(1, ip.length() - 1);
                }
                hosts.computeIfAbsent(host, h -> new ArrayList<>()).add(Nodes.str(ip, item.location()));
            }
        } else if (value instanceof MapNode map) {
            map.entries().forEach((host, ips) -> {
                List<Node> list = hosts.computeIfAbsent(host, h -> new ArrayList<>());
                if (ips instanceof ListNode l) {
                    l.items().forEach(ip -> list.add(Nodes.str(Nodes.text(ip), ip.location())));
                } else {
                    list.add(Nodes.str(Nodes.text(ips), ips.location()));
                }
            });
        } else {
            return value;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        hosts.forEach((host, ips) -> out.put(host, Nodes.list(ips, value.location())));
        return Nodes.map(out, value.location());
    }

    Node fileReferences(Node value) {
        if (!(value instanceof ListNode list)) {
            return value;
        }
        List<Node> out = new ArrayList<>();
        for (Node item : list.items()) {
            out.add(item instanceof ScalarNode s ? Nodes.map(Map.of("source", Nodes.str(s.text(), s.location())), s.location())
                    : item);
        }
        return list.withItems(out);
    }

    Node ulimits(Node value) {
        if (!(value instanceof MapNode map)) {
            return value;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        map.entries().forEach((k, v) -> out.put(k, v instanceof ScalarNode s && !s.isNull()
                ? new Nodes.MapBuilder(s.location()).put("soft", s.value()).put("hard", s.value()).build() : v));
        return map.withEntries(out);
    }

    MapNode durations(MapNode map, String path, String... keys) {
        MapNode out = map;
        for (String key : keys) {
            if (map.has(key)) {
                out = out.with(key, duration(map.get(key).get(), path + "." + key));
            }
        }
        return out;
    }

    /** A {@code KEY=VALUE} list or a mapping as a mapping of strings; keys without value get {@code missing}. */
    static Node mapping(Node value, String missing) {
        if (!(value instanceof ListNode) && !(value instanceof MapNode)) {
            return value;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        KeyValues.entries(value).forEach((k, v) -> {
            String text = KeyValues.value(v);
            out.put(k, Nodes.str(text == null ? missing : text, v == null ? value.location() : v.location()));
        });
        return Nodes.map(out, value.location());
    }
}
