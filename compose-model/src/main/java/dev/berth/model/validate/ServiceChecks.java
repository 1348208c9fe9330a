package dev.berth.model.validate;

import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;

import java.util.Map;
import java.util.Optional;

/** The consistency checks that look at one service and what it references. */
final class ServiceChecks {

    private final String name;
    private final String path;
    private final MapNode service;
    private final MapNode project;
    private final ConsistencyChecker out;

    ServiceChecks(String name, MapNode service, MapNode project, ConsistencyChecker out) {
        this.name = name;
        this.path = "services." + name;
        this.service = service;
        this.project = project;
        this.out = out;
    }

    void run() {
        if (out.checksReferences()) {
            checkImageOrBuild();
        }
        checkNetworks();
        checkVolumes();
        if (out.checksReferences()) {
            checkReferences("secrets", "secret");
            checkReferences("configs", "config");
            checkDependsOn();
        }
        checkScale();
        checkRestart();
        checkDevices();
        checkEnvironment();
    }

    private void checkImageOrBuild() {
        if (!service.has("image") && !service.has("build") && !service.has("provider")) {
            out.error(service.location(), path, "", "service \"" + name
                    + "\" has neither an image nor a build context specified", "add `image:` or `build:`");
        }
    }

    private void checkNetworks() {
        if (service.has("network_mode") && service.has("networks")) {
            out.error(service.keyLocation("networks"), path + ".networks", "",
                    "service " + name + " declares mutually exclusive `network_mode` and `networks`",
                    "remove one of them");
        }
        String mode = service.text("network_mode").orElse("");
        if (mode.equals("host") && service.has("ports")) {
            out.warning(service.keyLocation("ports"), path + ".ports", "",
                    "service " + name + " publishes ports with `network_mode: host`; published ports are discarded",
                    "remove `ports` or the host network mode");
        }
        if (mode.startsWith("service:") && out.checksReferences()) {
            requireService(mode.substring(8), service.keyLocation("network_mode"), path + ".network_mode");
        }
        MapNode declared = project.map("networks").orElse(MapNode.empty());
        service.map("networks").ifPresent(networks -> networks.entries().keySet().forEach(network -> {
            if (out.checksReferences() && !declared.has(network) && !network.equals("default")) {
                out.error(networks.keyLocation(network), path + ".networks." + network, "",
                        "service \"" + name + "\" refers to undefined network " + network,
                        "declare it under the top-level `networks:`");
            }
        }));
    }

    private void checkVolumes() {
        MapNode declared = project.map("volumes").orElse(MapNode.empty());
        var items = ConsistencyChecker.items(service.get("volumes").orElse(null));
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof MapNode volume)) {
                continue;
            }
            String type = volume.text("type").orElse("volume");
            String source = volume.text("source").orElse("");
            String at = path + ".volumes[" + i + "]";
            if (type.equals("bind") && source.isEmpty()) {
                out.error(volume.location(), at, "",
                        "invalid mount config for type \"bind\": field Source must not be empty",
                        "set `source:` to a host path");
            }
            if (out.checksReferences() && type.equals("volume") && !source.isEmpty() && !declared.has(source)) {
                out.error(volume.get("source").get().location(), at, source,
                        "service \"" + name + "\" refers to undefined volume " + source,
                        "declare it under the top-level `volumes:`");
            }
        }
        for (Node from : ConsistencyChecker.items(service.get("volumes_from").orElse(null))) {
            String text = ((ScalarNode) from).text();
            if (out.checksReferences() && !text.startsWith("container:")) {
                String reference = text.startsWith("service:") ? text.substring("service:".length()) : text;
                requireService(reference.split(":", 2)[0], from.location(), path + ".volumes_from");
            }
        }
    }

    private void checkReferences(String key, String kind) {
        MapNode declared = project.map(key).orElse(MapNode.empty());
        var items = ConsistencyChecker.items(service.get(key).orElse(null));
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof MapNode ref) {
                String source = ref.text("source").orElse("");
                if (!declared.has(source)) {
                    out.error(ref.location(), path + "." + key + "[" + i + "]", source,
                            "service \"" + name + "\" refers to undefined " + kind + " " + source,
                            "declare it under the top-level `" + key + ":`");
                }
            }
        }
    }

    private void checkDependsOn() {
        MapNode services = project.map("services").orElse(MapNode.empty());
        service.map("depends_on").ifPresent(deps -> deps.entries().forEach((target, spec) -> {
            if (services.has(target)) {
                return;
            }
            boolean required = !(spec instanceof MapNode m) || m.get("required").map(ConsistencyChecker::truthy).orElse(true);
            String message = "service \"" + name + "\" depends on undefined service \"" + target + "\"";
            if (required) {
                out.error(deps.keyLocation(target), path + ".depends_on." + target, "", message,
                        "define the service or remove the dependency");
            } else {
                out.warning(deps.keyLocation(target), path + ".depends_on." + target, "", message,
                        "the dependency is optional (`required: false`) and is ignored");
            }
        }));
    }

    private void requireService(String target, Location at, String where) {
        if (!project.map("services").orElse(MapNode.empty()).has(target)) {
            out.error(at, where, target, "service \"" + name + "\" depends on undefined service \"" + target + "\"",
                    "define the service or remove the reference");
        }
    }

    private void checkScale() {
        Optional<Long> scale = service.get("scale").flatMap(ConsistencyChecker::number);
        Optional<Long> replicas = service.map("deploy").flatMap(d -> d.get("replicas"))
                .flatMap(ConsistencyChecker::number);
        if (scale.isPresent() && replicas.isPresent() && !scale.equals(replicas)) {
            out.error(service.keyLocation("scale"), path + ".scale", scale.get().toString(),
                    "services." + name + ": can't set distinct values on 'scale' and 'deploy.replicas'",
                    "keep one of them, or give both the same value");
        }
        long count = scale.or(() -> replicas).orElse(1L);
        if (service.has("container_name") && count > 1) {
            out.error(service.keyLocation("container_name"), path + ".container_name",
                    service.text("container_name").orElse(""),
                    "services." + name + ": container_name cannot be used with more than one replica (scale " + count
                            + "): container names must be unique",
                    "remove `container_name` or run a single replica");
        }
    }

    private void checkRestart() {
        service.get("restart").filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast).ifPresent(restart -> {
            if (!restart.text().matches("no|always|unless-stopped|on-failure(:\\d+)?")) {
                out.error(restart.location(), path + ".restart", restart.text(),
                        "invalid restart policy \"" + restart.text() + "\"",
                        "use no, always, unless-stopped, on-failure or on-failure:N");
            }
        });
    }

    private void checkDevices() {
        Optional<Node> devices = service.map("deploy").flatMap(d -> d.map("resources"))
                .flatMap(r -> r.map("reservations")).flatMap(r -> r.get("devices"));
        var items = ConsistencyChecker.items(devices.orElse(null));
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof MapNode device && device.has("count") && device.has("device_ids")) {
                out.error(device.location(), path + ".deploy.resources.reservations.devices[" + i + "]", "",
                        "\"count\" and \"device_ids\" attributes are exclusive", "use either `count` or `device_ids`");
            }
        }
    }

    private void checkEnvironment() {
        service.map("environment").ifPresent(env -> {
            for (Map.Entry<String, Node> e : env.entries().entrySet()) {
                if (e.getKey().chars().anyMatch(Character::isWhitespace)) {
                    out.error(env.keyLocation(e.getKey()), path + ".environment", e.getKey(),
                            "environment variable \"" + e.getKey() + "\" contains whitespace",
                            "environment variable names cannot contain blanks");
                }
            }
        });
    }
}
