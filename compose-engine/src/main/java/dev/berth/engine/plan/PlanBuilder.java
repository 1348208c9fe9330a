package dev.berth.engine.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Numbers steps in the order they are added; only earlier steps can be dependencies, so the plan is a DAG. */
final class PlanBuilder {
  private final List<PlanStep> steps = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  int add(Operation op, String cause, Collection<Integer> dependsOn) {
    return add(op, cause, dependsOn, null);
  }

  int add(Operation op, String cause, Collection<Integer> dependsOn, String group) {
    int id = steps.size() + 1;
    steps.add(new PlanStep(id, op, cause, List.copyOf(dependsOn), Optional.ofNullable(group)));
    return id;
  }

  int size() {
    return steps.size();
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  Plan build() {
    return new Plan(steps, warnings);
  }
}
