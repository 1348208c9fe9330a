package dev.berth.model.profile;

import dev.berth.model.problem.Problem;
import dev.berth.model.problem.Problems;
import dev.berth.model.tree.ListNode;
import dev.berth.model.tree.Location;
import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;
import dev.berth.model.tree.ScalarNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Keeps the services a set of active profiles enables (Compose Specification, profiles): a service without
 * {@code profiles} is always enabled; one with profiles is enabled when one of them is active ({@code *} activates
 * all); a service named on the command line is enabled, and its profiles become active. A dependency of an enabled
 * service on a disabled one is an error unless it is {@code required: false}, in which case the dependency is
 * dropped with a warning. Other top-level elements are left as they are.
 */
public final class ProfileFilter {

    private static final String RULE = "profiles (Compose Specification, profiles)";
    private static final String ALL = "*";

    private ProfileFilter() {
    }

    /** As {@link #apply(MapNode, Set, Set, Consumer)}, discarding warnings. */
    public static MapNode apply(MapNode project, Set<String> activeProfiles, Set<String> requestedServices) {
        return apply(project, activeProfiles, requestedServices, warning -> { });
    }

    /**
     * The project with only its enabled services.
     *
     * @param project           a canonical project ({@code depends_on} in long form; the list form is accepted too)
     * @param activeProfiles    the profiles given by {@code --profile} / {@code COMPOSE_PROFILES}
     * @param requestedServices services named on the command line (empty: none)
     * @param warnings          receives a warning for each optional dependency dropped
     * @throws dev.berth.model.problem.ComposeException with every unknown requested service and every required
     *                                                  dependency on a disabled service
     */
    public static MapNode apply(MapNode project, Set<String> activeProfiles, Set<String> requestedServices,
                                Consumer<Problem> warnings) {
        MapNode services = project.map("services").orElse(MapNode.empty());
        Problems problems = new Problems(warnings);
        Set<String> active = new HashSet<>(activeProfiles);
        for (String name : requestedServices) {
            Optional<MapNode> service = services.map(name);
            if (!services.has(name)) {
                problems.add(Problem.error(services.location(), "services", name, "no such service: " + name, RULE,
                        "name a service defined in the project"));
            } else {
                service.ifPresent(s -> active.addAll(profiles(s)));
            }
        }
        Map<String, Node> enabled = new LinkedHashMap<>();
        services.entries().forEach((name, definition) -> {
            if (isEnabled(name, definition, active, requestedServices)) {
                enabled.put(name, definition);
            }
        });
        Map<String, Node> checked = new LinkedHashMap<>();
        enabled.forEach((name, definition) -> checked.put(name,
                definition instanceof MapNode service ? checkDependencies(name, service, services, enabled, problems)
                        : definition));
        problems.throwIfErrors();
        if (!project.has("services")) {
            return project;
        }
        return project.with("services", withOnly(services, checked));
    }

    /** Every profile named by a service of the project, sorted. */
    public static List<String> allProfiles(MapNode project) {
        Set<String> all = new TreeSet<>();
        project.map("services").ifPresent(services -> services.entries().values().forEach(definition -> {
            if (definition instanceof MapNode service) {
                all.addAll(profiles(service));
            }
        }));
        return List.copyOf(all);
    }

    private static boolean isEnabled(String name, Node definition, Set<String> active, Set<String> requested) {
        if (requested.contains(name)) {
            return true;
        }
        List<String> profiles = definition instanceof MapNode service ? profiles(service) : List.of();
        return profiles.isEmpty() || active.contains(ALL) || profiles.stream().anyMatch(active::contains);
    }

    private static MapNode checkDependencies(String name, MapNode service, MapNode all, Map<String, Node> enabled,
                                             Problems problems) {
        Node dependsOn = service.get("depends_on").orElse(null);
        if (dependsOn == null) {
            return service;
        }
        Map<String, Node> kept = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        dependencies(dependsOn).forEach((dependency, config) -> {
            if (enabled.containsKey(dependency) || !all.has(dependency)) {
                kept.put(dependency, config);
                return;
            }
            String path = "services." + name + ".depends_on." + dependency;
            Location at = dependsOn instanceof MapNode map ? map.keyLocation(dependency) : config.location();
            List<String> profiles = all.map(dependency).map(ProfileFilter::profiles).orElse(List.of());
            if (isRequired(config)) {
                problems.add(Problem.error(at, path, dependency, "service \"" + dependency
                        + "\" is required by \"" + name + "\" but is disabled. Can be enabled by profiles ["
                        + String.join(" ", profiles) + "]", RULE,
                        "activate one of these profiles (--profile), or mark the dependency `required: false`"));
            } else {
                dropped.add(dependency);
                problems.add(Problem.warning(at, path, dependency, "service \"" + name
                        + "\" depends on \"" + dependency + "\", which is disabled: the optional dependency is ignored",
                        RULE, "activate one of the profiles [" + String.join(" ", profiles) + "] to start it"));
            }
        });
        if (dropped.isEmpty()) {
            return service;
        }
        if (dependsOn instanceof MapNode map) {
            return service.with("depends_on", withOnly(map, kept));
        }
        ListNode list = (ListNode) dependsOn;
        return service.with("depends_on", list.withItems(list.items().stream()
                .filter(i -> !(i instanceof ScalarNode s && dropped.contains(s.text()))).toList()));
    }

    /** {@code depends_on} as name → configuration (the list item itself for the short form). */
    private static Map<String, Node> dependencies(Node dependsOn) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (dependsOn instanceof MapNode map) {
            out.putAll(map.entries());
        } else if (dependsOn instanceof ListNode list) {
            list.items().forEach(i -> {
                if (i instanceof ScalarNode s && !s.isNull()) {
                    out.put(s.text(), s);
                }
            });
        }
        return out;
    }

    private static boolean isRequired(Node config) {
        if (config instanceof MapNode map && map.get("required").orElse(null) instanceof ScalarNode required) {
            return !(Boolean.FALSE.equals(required.value()) || "false".equals(required.text()));
        }
        return true;
    }

    private static List<String> profiles(MapNode service) {
        List<String> out = new ArrayList<>();
        if (service.get("profiles").orElse(null) instanceof ListNode list) {
            list.items().forEach(i -> {
                if (i instanceof ScalarNode s && !s.isNull()) {
                    out.add(s.text());
                }
            });
        }
        return out;
    }

    private static MapNode withOnly(MapNode map, Map<String, Node> entries) {
        Map<String, Location> keys = new LinkedHashMap<>();
        entries.keySet().forEach(k -> keys.put(k, map.keyLocation(k)));
        return new MapNode(entries, keys, map.location(), map.tag());
    }
}
