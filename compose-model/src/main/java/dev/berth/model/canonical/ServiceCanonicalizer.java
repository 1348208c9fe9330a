package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One service from short syntax to the long form {@code docker compose config} prints. */
final class ServiceCanonicalizer {

    private static final Set<String> BYTE_KEYS = Set.of("shm_size", "mem_limit", "mem_reservation", "memswap_limit");
    private static final Set<String> STRING_LISTS = Set.of("dns", "dns_search", "dns_opt", "tmpfs", "expose",
            "cap_add", "cap_drop", "group_add", "security_opt", "profiles", "external_links", "device_cgroup_rules");
    private static final Set<String> DURATIONS = Set.of("interval", "timeout", "start_period", "start_interval");

    private final CanonicalContext ctx;
    private final PathResolver paths;
    private final Reporter report;
    private final EnvironmentResolver environment;
    private final LabelResolver labels;

    ServiceCanonicalizer(CanonicalContext ctx, Reporter report) {
        this.ctx = ctx;
        this.paths = new PathResolver(ctx);
        this.report = report;
        this.environment = new EnvironmentResolver(ctx, paths, report);
        this.labels = new LabelResolver(ctx, paths, report);
    }

    MapNode canonicalize(String name, MapNode service) {
        String path = "services." + name;
        Map<String, Node> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : service.entries().entrySet()) {
            String key = e.getKey();
            Node value = e.getValue();
            String at = path + "." + key;
            switch (key) {
                case "environment", "env_file" -> {
                    if (!out.containsKey("environment")) {
                        MapNode env = environment.resolve(service, path);
                        if (env.size() > 0) {
                            out.put("environment", env);
                        }
                    }
                }
                case "build" -> out.put(key, build(value, at));
                case "command", "entrypoint" -> out.put(key, command(value, at));
                case "healthcheck" -> out.put(key, healthcheck(value, at));
                case "ports" -> out.put(key, ports(value, at));
                case "volumes" -> out.put(key, volumes(value, at));
                case "depends_on" -> out.put(key, dependsOn(value));
                case "labels", "label_file" -> {
                    if (!out.containsKey("labels")) {
                        out.put("labels", labels.resolve(service, path));
                    }
                }
                case "annotations", "sysctls" -> out.put(key, mapping(value, ""));
                case "extra_hosts" -> out.put(key, extraHosts(value));
                case "networks" -> out.put(key, networks(value));
                case "secrets", "configs" -> out.put(key, fileReferences(value));
                case "ulimits" -> out.put(key, ulimits(value));
                case "stop_grace_period" -> out.put(key, duration(value, at));
                case "devices" -> out.put(key, devices(value, at));
                case "gpus" -> out.put(key, gpus(value));
                case "deploy" -> out.put(key, deploy(value, at));
                case "pull_policy" -> out.put(key, "if_not_present".equals(Nodes.text(value))
                        ? Nodes.str("missing", value.location()) : value);
                case "logging" -> out.put(key, logging(value));
                case "post_start", "pre_stop", "pre_start" -> out.put(key, hooks(value, at));
                case "develop" -> out.put(key, develop(value));
                case "extends" -> out.put(key, extendsFile(value));
                case "blkio_config" -> out.put(key, blkio(value, at));
                default -> out.put(key, canonicalScalarOrList(key, value, at));
            }
        }
        return new MapNode(out, service.keyLocations(), service.location(), service.tag());
    }

    private Node canonicalScalarOrList(String key, Node value, String at) {
        if (BYTE_KEYS.contains(key)) {
            return bytes(value, at);
        }
        if (STRING_LISTS.contains(key)) {
            return stringList(value);
        }
        return value;
    }

    private Node stringList(Node value) {
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

    // ---- build

    private Node build(Node value, String path) {
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
        if (!build.has("dockerfile") && !build.has("dockerfile_inline")) {
            out.put("dockerfile", Nodes.str("Dockerfile", build.location()));
        }
        for (Map.Entry<String, Node> e : build.entries().entrySet()) {
            Node v = e.getValue();
            switch (e.getKey()) {
                case "context" -> { }
                case "args" -> out.put("args", args(v));
                case "labels" -> out.put("labels", mapping(v, ""));
                case "extra_hosts" -> out.put("extra_hosts", extraHosts(v));
                case "ulimits" -> out.put("ulimits", ulimits(v));
                case "shm_size" -> out.put("shm_size", bytes(v, path + ".shm_size"));
                case "cache_from", "cache_to", "tags", "platforms", "no_cache_filter", "entitlements" ->
                        out.put(e.getKey(), stringList(v));
                case "secrets" -> out.put("secrets", fileReferences(v));
                case "ssh" -> out.put("ssh", ssh(v));
                case "additional_contexts" -> out.put("additional_contexts", additionalContexts(v));
                default -> out.put(e.getKey(), v);
            }
        }
        return Nodes.map(out, build.location());
    }

    private Node args(Node value) {
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

    private Node additionalContexts(Node value) {
        Node mapping = mapping(value, "");
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

    private Node hooks(Node value, String path) {
        if (!(value instanceof ListNode list)) {
            return value;
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Node item = list.get(i);
            if (item instanceof MapNode hook) {
                MapNode h = hook;
                if (hook.has("command")) {
                    h = h.with("command", command(hook.get("command").get(), path + "[" + i + "].command"));
                }
                if (hook.has("environment")) {
                    h = h.with("environment", mapping(hook.get("environment").get(), ""));
                }
                out.add(h);
            } else {
                out.add(item);
            }
        }
        return list.withItems(out);
    }

    private Node develop(Node value) {
        if (!(value instanceof MapNode develop) || !(develop.get("watch").orElse(null) instanceof ListNode watch)) {
            return value;
        }
        List<Node> out = new ArrayList<>();
        for (Node item : watch.items()) {
            if (item instanceof MapNode rule && rule.text("path").isPresent()) {
                out.add(rule.with("path", Nodes.str(paths.hostPath(rule.text("path").get()), rule.get("path").get().location())));
            } else {
                out.add(item);
            }
        }
        return develop.with("watch", watch.withItems(out));
    }

    private Node extendsFile(Node value) {
        if (value instanceof MapNode ext && ext.text("file").isPresent()) {
            return ext.with("file", Nodes.str(paths.hostPath(ext.text("file").get()), ext.get("file").get().location()));
        }
        return value;
    }

    private Node blkio(Node value, String path) {
        if (!(value instanceof MapNode blkio)) {
            return value;
        }
        MapNode out = blkio;
        for (String key : List.of("device_read_bps", "device_write_bps")) {
            if (blkio.get(key).orElse(null) instanceof ListNode devices) {
                List<Node> items = new ArrayList<>();
                for (Node device : devices.items()) {
                    items.add(device instanceof MapNode d && d.has("rate")
                            ? d.with("rate", bytes(d.get("rate").get(), path + "." + key)) : device);
                }
                out = out.with(key, devices.withItems(items));
            }
        }
        return out;
    }

    /** {@code ssh: [default, key=path]} or a mapping: the agent id to a key path (relative paths resolved). */
    private Node ssh(Node value) {
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

    // ---- process

    private Node command(Node value, String path) {
        if (value instanceof ScalarNode s && !s.isNull()) {
            try {
                List<Node> words = new ArrayList<>();
                for (String word : ShellWords.split(s.text())) {
                    words.add(Nodes.str(word, s.location()));
                }
                return Nodes.list(words, s.location());
            } catch (IllegalArgumentException e) {
                report.error(s, path, e.getMessage(), "close the quote or write the command as a list");
            }
        }
        return stringList(value);
    }

    private Node healthcheck(Node value, String path) {
        if (!(value instanceof MapNode hc)) {
            return value;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : hc.entries().entrySet()) {
            Node v = e.getValue();
            if (e.getKey().equals("test") && v instanceof ScalarNode s && !s.isNull()) {
                out.put("test", Nodes.list(List.of(Nodes.str("CMD-SHELL", s.location()), Nodes.str(s.text(), s.location())),
                        s.location()));
            } else if (DURATIONS.contains(e.getKey())) {
                out.put(e.getKey(), duration(v, path + "." + e.getKey()));
            } else {
                out.put(e.getKey(), v);
            }
        }
        return Nodes.map(out, hc.location());
    }

    private Node duration(Node value, String path) {
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

    private Node bytes(Node value, String path) {
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

    // ---- networking

    private Node ports(Node value, String path) {
        if (!(value instanceof ListNode list)) {
            return value;
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Node item = list.get(i);
            if (item instanceof MapNode m) {
                out.add(longPort(m));
            } else if (item instanceof ScalarNode s) {
                try {
                    out.addAll(PortSyntax.parse(s.text(), s.location()));
                } catch (IllegalArgumentException e) {
                    report.error(s, path + "[" + i + "]", e.getMessage(),
                            "write [[IP:](HOST|HOST-RANGE):]CONTAINER[-RANGE][/PROTOCOL], e.g. \"8080:80/tcp\"");
                }
            }
        }
        return list.withItems(out);
    }

    private MapNode longPort(MapNode port) {
        Nodes.MapBuilder out = new Nodes.MapBuilder(port.location());
        port.get("name").ifPresent(v -> out.put("name", v));
        out.put("mode", port.get("mode").orElse(Nodes.str("ingress", port.location())));
        port.get("host_ip").ifPresent(v -> out.put("host_ip", v));
        port.get("target").ifPresent(v -> out.put("target", v instanceof ScalarNode s && s.isString()
                && s.text().matches("\\d+") ? Nodes.val(Long.parseLong(s.text()), s.location()) : v));
        port.get("published").filter(v -> !Nodes.isNull(v) && !Nodes.text(v).isEmpty())
                .ifPresent(v -> out.put("published", Nodes.str(Nodes.text(v), v.location())));
        out.put("protocol", port.get("protocol").orElse(Nodes.str("tcp", port.location())));
        port.get("app_protocol").ifPresent(v -> out.put("app_protocol", v));
        for (Map.Entry<String, Node> e : port.entries().entrySet()) {
            if (e.getKey().startsWith("x-")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out.build();
    }

    private Node networks(Node value) {
        if (value instanceof ListNode list) {
            Map<String, Node> out = new LinkedHashMap<>();
            for (Node item : list.items()) {
                out.put(Nodes.text(item), Nodes.val(null, item.location()));
            }
            return Nodes.map(out, list.location());
        }
        if (value instanceof MapNode map) {
            Map<String, Node> out = new LinkedHashMap<>();
            map.entries().forEach((k, v) -> out.put(k, v instanceof MapNode m && m.has("aliases")
                    ? m.with("aliases", stringList(m.get("aliases").get())) : v));
            return map.withEntries(out);
        }
        return value;
    }

    private Node extraHosts(Node value) {
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

    // ---- storage

    private Node volumes(Node value, String path) {
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

    private MapNode resolveVolume(MapNode volume) {
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
            out = out.with("tmpfs", tmpfs.with("size", bytes(tmpfs.get("size").get(), "tmpfs.size")));
        }
        return out;
    }

    private Node fileReferences(Node value) {
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

    private Node devices(Node value, String path) {
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

    private Node gpus(Node value) {
        if (value instanceof ScalarNode s && "all".equals(s.text())) {
            return Nodes.list(List.of(new Nodes.MapBuilder(s.location()).put("count", -1L).build()), s.location());
        }
        return value;
    }

    // ---- lifecycle

    private Node dependsOn(Node value) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (value instanceof ListNode list) {
            for (Node item : list.items()) {
                out.put(Nodes.text(item), dependency(null, item.location()));
            }
        } else if (value instanceof MapNode map) {
            map.entries().forEach((k, v) -> out.put(k, dependency(v instanceof MapNode m ? m : null, v.location())));
        } else {
            return value;
        }
        return Nodes.map(out, value.location());
    }

    static MapNode dependency(MapNode given, Location at) {
        Nodes.MapBuilder out = new Nodes.MapBuilder(at);
        Node condition = given == null ? null : given.get("condition").orElse(null);
        out.put("condition", condition == null ? Nodes.str("service_started", at) : condition);
        Node required = given == null ? null : given.get("required").orElse(null);
        out.put("required", required == null ? Nodes.val(true, at) : required);
        Node restart = given == null ? null : given.get("restart").orElse(null);
        out.put("restart", restart == null ? Nodes.val(false, at) : restart);
        if (given != null) {
            given.entries().forEach((k, v) -> {
                if (!Set.of("condition", "required", "restart").contains(k)) {
                    out.put(k, v);
                }
            });
        }
        return out.build();
    }

    private Node ulimits(Node value) {
        if (!(value instanceof MapNode map)) {
            return value;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        map.entries().forEach((k, v) -> out.put(k, v instanceof ScalarNode s && !s.isNull()
                ? new Nodes.MapBuilder(s.location()).put("soft", s.value()).put("hard", s.value()).build() : v));
        return map.withEntries(out);
    }

    private Node logging(Node value) {
        if (value instanceof MapNode m && m.get("options").orElse(null) instanceof MapNode options) {
            return m.with("options", mapping(options, ""));
        }
        return value;
    }

    private Node deploy(Node value, String path) {
        if (!(value instanceof MapNode deploy)) {
            return value;
        }
        MapNode out = deploy;
        if (deploy.has("labels")) {
            out = out.with("labels", mapping(deploy.get("labels").get(), ""));
        }
        if (deploy.get("restart_policy").orElse(null) instanceof MapNode rp) {
            out = out.with("restart_policy", durations(rp, path + ".restart_policy", "delay", "window"));
        }
        for (String key : List.of("update_config", "rollback_config")) {
            if (deploy.get(key).orElse(null) instanceof MapNode uc) {
                out = out.with(key, durations(uc, path + "." + key, "delay", "monitor"));
            }
        }
        if (deploy.get("resources").orElse(null) instanceof MapNode resources) {
            MapNode r = resources;
            for (String key : List.of("limits", "reservations")) {
                if (resources.get(key).orElse(null) instanceof MapNode limits && limits.has("memory")) {
                    r = r.with(key, limits.with("memory", bytes(limits.get("memory").get(), path + ".resources." + key)));
                }
            }
            out = out.with("resources", r);
        }
        return out;
    }

    private MapNode durations(MapNode map, String path, String... keys) {
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
