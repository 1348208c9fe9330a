package dev.berth.model.canonical;

import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;

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
    private final ValueCanonicalizer values;
    private final BuildCanonicalizer builds;
    private final MountCanonicalizer mounts;
    private final DeployCanonicalizer deploys;

    ServiceCanonicalizer(CanonicalContext ctx, Reporter report) {
        this.ctx = ctx;
        this.paths = new PathResolver(ctx);
        this.report = report;
        this.environment = new EnvironmentResolver(ctx, paths, report);
        this.labels = new LabelResolver(ctx, paths, report);
        this.values = new ValueCanonicalizer(report);
        this.builds = new BuildCanonicalizer(ctx, paths, values);
        this.mounts = new MountCanonicalizer(paths, report, values);
        this.deploys = new DeployCanonicalizer(values);
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
                case "build" -> out.put(key, builds.build(value, at));
                case "command", "entrypoint" -> out.put(key, values.command(value, at));
                case "healthcheck" -> out.put(key, healthcheck(value, at));
                case "ports" -> out.put(key, ports(value, at));
                case "volumes" -> out.put(key, mounts.volumes(value, at));
                case "depends_on" -> out.put(key, dependsOn(value));
                case "labels", "label_file" -> {
                    if (!out.containsKey("labels")) {
                        out.put("labels", labels.resolve(service, path));
                    }
                }
                case "annotations", "sysctls" -> out.put(key, ValueCanonicalizer.mapping(value, ""));
                case "extra_hosts" -> out.put(key, values.extraHosts(value));
                case "networks" -> out.put(key, networks(value));
                case "secrets", "configs" -> out.put(key, values.fileReferences(value));
                case "ulimits" -> out.put(key, values.ulimits(value));
                case "stop_grace_period" -> out.put(key, values.duration(value, at));
                case "devices" -> out.put(key, mounts.devices(value, at));
                case "gpus" -> out.put(key, mounts.gpus(value));
                case "deploy" -> out.put(key, deploys.deploy(value, at));
                case "pull_policy" -> out.put(key, "if_not_present".equals(Nodes.text(value))
                        ? Nodes.str("missing", value.location()) : value);
                case "logging" -> out.put(key, logging(value));
                case "post_start", "pre_stop", "pre_start" -> out.put(key, hooks(value, at));
                case "develop" -> out.put(key, develop(value));
                case "extends" -> out.put(key, extendsFile(value));
                case "blkio_config" -> out.put(key, mounts.blkio(value, at));
                default -> out.put(key, canonicalScalarOrList(key, value, at));
            }
        }
        return new MapNode(out, service.keyLocations(), service.location(), service.tag());
    }

    private Node canonicalScalarOrList(String key, Node value, String at) {
        if (BYTE_KEYS.contains(key)) {
            return values.bytes(value, at);
        }
        if (STRING_LISTS.contains(key)) {
            return values.stringList(value);
        }
        return value;
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
                    h = h.with("command", values.command(hook.get("command").get(), path + "[" + i + "].command"));
                }
                if (hook.has("environment")) {
                    h = h.with("environment", ValueCanonicalizer.mapping(hook.get("environment").get(), ""));
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
                out.put(e.getKey(), values.duration(v, path + "." + e.getKey()));
            } else {
                out.put(e.getKey(), v);
            }
        }
        return Nodes.map(out, hc.location());
    }

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
                    ? m.with("aliases", values.stringList(m.get("aliases").get())) : v));
            return map.withEntries(out);
        }
        return value;
    }

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

    private Node logging(Node value) {
        if (value instanceof MapNode m && m.get("options").orElse(null) instanceof MapNode options) {
            return m.with("options", ValueCanonicalizer.mapping(options, ""));
        }
        return value;
    }

}
