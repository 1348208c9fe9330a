package dev.berth.model.validate;

import dev.berth.model.problem.Problem;
import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cross-reference and semantic checks Compose runs on a canonical project ({@code docker compose config}
 * without {@code --no-consistency}): references to undeclared networks, volumes, secrets, configs and services,
 * {@code depends_on} cycles, mutually exclusive attributes, and conflicting resource definitions. Every problem
 * found is returned, each located at the offending key or value. Warnings come back as
 * {@link Problem.Severity#WARNING}.
 */
public final class ConsistencyChecker {

    private static final String RULE = "compose-spec consistency";

    private final List<Problem> problems = new ArrayList<>();

    private ConsistencyChecker() {
    }

    public static List<Problem> check(MapNode project) {
        ConsistencyChecker checker = new ConsistencyChecker();
        checker.run(project);
        return List.copyOf(checker.problems);
    }

    private void run(MapNode project) {
        MapNode services = project.map("services").orElse(MapNode.empty());
        for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
            project.map(kind).ifPresent(resources -> resources.entries().forEach((key, value) -> {
                if (value instanceof MapNode m) {
                    checkResource(kind + "." + key, m, resources.keyLocation(key));
                }
            }));
        }
        services.entries().forEach((name, value) -> {
            if (value instanceof MapNode service) {
                new ServiceChecks(name, service, project, this).run();
            }
        });
        new DependencyCycles(services, this).run();
    }

    private void checkResource(String path, MapNode resource, Location at) {
        boolean external = resource.get("external").map(ConsistencyChecker::truthy).orElse(false);
        if (resource.get("external").orElse(null) instanceof MapNode ext) {
            external = true;
            if (ext.has("name") && resource.has("name")) {
                error(at, path, "", path + ": name and external.name conflict; only use name",
                        "remove external.name and keep name");
            }
        }
        if (external) {
            for (String attribute : List.of("driver", "driver_opts", "labels")) {
                if (resource.has(attribute)) {
                    error(resource.keyLocation(attribute), path, "",
                            path + ": conflicting parameters \"external\" and \"" + attribute + "\" specified",
                            "an external resource is created outside Compose: remove `" + attribute + "`");
                }
            }
        }
    }

    static boolean truthy(Node node) {
        return node instanceof ScalarNode s && (Boolean.TRUE.equals(s.value()) || "true".equals(s.text()));
    }

    static Optional<Long> number(Node node) {
        if (node instanceof ScalarNode s && !s.isNull()) {
            try {
                return Optional.of(Long.parseLong(s.text()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static List<Node> items(Node node) {
        return node instanceof ListNode l ? l.items() : List.of();
    }

    static Map<String, Node> entries(Node node) {
        return node instanceof MapNode m ? m.entries() : Map.of();
    }

    void error(Location at, String path, String value, String message, String hint) {
        problems.add(Problem.error(at, path, value, message, RULE, hint));
    }

    void warning(Location at, String path, String value, String message, String hint) {
        problems.add(Problem.warning(at, path, value, message, RULE, hint));
    }
}
