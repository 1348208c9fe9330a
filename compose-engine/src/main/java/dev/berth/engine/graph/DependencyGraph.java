package dev.berth.engine.graph;

import dev.berth.engine.desired.Dependency;
import dev.berth.engine.desired.DesiredProject;
import dev.berth.engine.desired.DesiredService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code depends_on} graph of a project's services. Edges to services that are not part of the project are
 * dropped (Compose does this for optional dependencies; the model reports required ones before we get here).
 */
public final class DependencyGraph {
  private final Map<String, Set<String>> dependencies = new TreeMap<>();
  private final Map<String, Set<String>> dependents = new TreeMap<>();

  private DependencyGraph() {}

  /**
   * Builds the graph.
   *
   * @throws DependencyCycleException naming the cycle, e.g. {@code web -> api -> web}
   */
  public static DependencyGraph of(DesiredProject project) {
    DependencyGraph g = new DependencyGraph();
    for (DesiredService s : project.services()) {
      g.dependencies.put(s.name(), new TreeSet<>());
      g.dependents.put(s.name(), new TreeSet<>());
    }
    for (DesiredService s : project.services()) {
      for (Dependency d : s.dependsOn()) {
        if (g.dependencies.containsKey(d.service())) {
          g.dependencies.get(s.name()).add(d.service());
          g.dependents.get(d.service()).add(s.name());
        }
      }
    }
    g.checkAcyclic();
    return g;
  }

  public Set<String> dependenciesOf(String service) {
    return Set.copyOf(dependencies.getOrDefault(service, Set.of()));
  }

  public Set<String> dependentsOf(String service) {
    return Set.copyOf(dependents.getOrDefault(service, Set.of()));
  }

  /** {@code services} plus everything they depend on, transitively, sorted. */
  public Set<String> withDependencies(Set<String> services) {
    Set<String> out = new TreeSet<>();
    List<String> todo = new ArrayList<>(services);
    while (!todo.isEmpty()) {
      String s = todo.remove(todo.size() - 1);
      if (out.add(s)) {
        todo.addAll(dependencies.getOrDefault(s, Set.of()));
      }
    }
    return out;
  }

  /** {@code services} plus everything that depends on them, transitively, sorted. */
  public Set<String> withDependents(Set<String> services) {
    Set<String> out = new TreeSet<>();
    List<String> todo = new ArrayList<>(services);
    while (!todo.isEmpty()) {
      String s = todo.remove(todo.size() - 1);
      if (out.add(s)) {
        todo.addAll(dependents.getOrDefault(s, Set.of()));
      }
    }
    return out;
  }

  /** Dependencies before dependents; ties broken alphabetically, so the order is deterministic. */
  public List<String> startOrder() {
    List<String> order = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    while (done.size() < dependencies.size()) {
      for (Map.Entry<String, Set<String>> e : dependencies.entrySet()) {
        if (!done.contains(e.getKey()) && done.containsAll(e.getValue())) {
          done.add(e.getKey());
          order.add(e.getKey());
          break;
        }
      }
    }
    return List.copyOf(order);
  }

  /** Dependents before dependencies (the order of {@code down}). */
  public List<String> stopOrder() {
    List<String> order = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    while (done.size() < dependents.size()) {
      for (Map.Entry<String, Set<String>> e : dependents.entrySet()) {
        if (!done.contains(e.getKey()) && done.containsAll(e.getValue())) {
          done.add(e.getKey());
          order.add(e.getKey());
          break;
        }
      }
    }
    return List.copyOf(order);
  }

  private void checkAcyclic() {
    Map<String, Integer> state = new TreeMap<>();
    for (String s : dependencies.keySet()) {
      visit(s, state, new ArrayList<>());
    }
  }

  private void visit(String s, Map<String, Integer> state, List<String> path) {
    Integer st = state.get(s);
    if (st != null && st == 2) {
      return;
    }
    path.add(s);
    if (st != null && st == 1) {
      List<String> cycle = path.subList(path.indexOf(s), path.size());
      throw new DependencyCycleException("dependency cycle found: " + String.join(" -> ", cycle)
          + "; remove one of these depends_on entries");
    }
    state.put(s, 1);
    for (String d : dependencies.get(s)) {
      visit(d, state, path);
    }
    state.put(s, 2);
    path.remove(path.size() - 1);
  }
}
