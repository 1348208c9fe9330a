package dev.berth.model.validate;

import dev.berth.model.tree.MapNode;
import dev.berth.model.tree.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Finds {@code depends_on} cycles by depth-first search in declaration order; each cycle is reported once. */
final class DependencyCycles {

    private final MapNode services;
    private final ConsistencyChecker out;
    private final Set<String> done = new HashSet<>();
    private final Set<String> reported = new HashSet<>();

    DependencyCycles(MapNode services, ConsistencyChecker out) {
        this.services = services;
        this.out = out;
    }

    void run() {
        for (String name : services.entries().keySet()) {
            visit(name, new ArrayList<>());
        }
    }

    private void visit(String name, List<String> stack) {
        int at = stack.indexOf(name);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(stack.subList(at, stack.size()));
            cycle.add(name);
            if (reported.add(Set.copyOf(cycle).toString())) {
                Node where = services.get(stack.get(stack.size() - 1)).orElse(services);
                out.error(where.location(), "services." + stack.get(stack.size() - 1) + ".depends_on", "",
                        "dependency cycle detected: " + String.join(" -> ", cycle),
                        "remove one of the dependencies in the cycle");
            }
            return;
        }
        if (done.contains(name) || !(services.get(name).orElse(null) instanceof MapNode service)) {
            return;
        }
        stack.add(name);
        service.map("depends_on").ifPresent(deps -> deps.entries().keySet().forEach(dep -> visit(dep, stack)));
        stack.remove(stack.size() - 1);
        done.add(name);
    }
}
