package dev.berth.engine.plan;

import java.util.List;

/**
 * An immutable DAG of runtime operations (steps only depend on earlier steps) plus the warnings found while
 * planning. An empty plan means nothing to do.
 */
public record Plan(List<PlanStep> steps, List<String> warnings) {
  public Plan {
    steps = List.copyOf(steps);
    warnings = List.copyOf(warnings);
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id() != i + 1) {
        throw new IllegalArgumentException("plan steps must be numbered 1.." + steps.size());
      }
    }
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /**
   * The leading steps whose operation is a {@code kind}, as a plan of its own (they can only depend on each other),
   * e.g. the image builds {@code up} runs before it plans the containers.
   */
  public Plan leading(Class<? extends Operation> kind) {
    int n = 0;
    while (n < steps.size() && kind.isInstance(steps.get(n).operation())) {
      n++;
    }
    return new Plan(steps.subList(0, n), List.of());
  }

  public PlanStep step(int id) {
    return steps.get(id - 1);
  }

  /**
   * Deterministic text: one {@code warning: ...} line per warning, then one line per step (see
   * {@link PlanStep#render()}); {@code (nothing to do)} for an empty plan. Used by golden tests and dry runs.
   */
  public String render() {
    StringBuilder sb = new StringBuilder();
    warnings.forEach(w -> sb.append("warning: ").append(w).append('\n'));
    if (steps.isEmpty()) {
      sb.append("(nothing to do)\n");
    }
    steps.forEach(s -> sb.append(s.render()).append('\n'));
    return sb.toString();
  }
}
