package dev.berth.engine.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of a plan: a runtime operation, why it is needed, the steps that must finish first, and the group of
 * steps it belongs to (e.g. {@code recreate:web:1}).
 */
public record PlanStep(int id, Operation operation, String cause, List<Integer> dependsOn, Optional<String> group) {
  public PlanStep {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(cause, "cause");
    dependsOn = List.copyOf(dependsOn.stream().distinct().sorted().toList());
    Objects.requireNonNull(group, "group");
    for (int d : dependsOn) {
      if (d >= id) {
        throw new IllegalArgumentException("step #" + id + " may only depend on earlier steps, not #" + d);
      }
    }
  }

  /** One line: {@code #id Kind target: cause [after #a, #b] {group}}. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append('#').append(id).append(' ').append(operation.kind()).append(' ').append(operation.target())
        .append(": ").append(cause);
    if (!dependsOn.isEmpty()) {
      sb.append(" [after ");
      for (int i = 0; i < dependsOn.size(); i++) {
        sb.append(i == 0 ? "#" : ", #").append(dependsOn.get(i));
      }
      sb.append(']');
    }
    group.ifPresent(g -> sb.append(" {").append(g).append('}'));
    return sb.toString();
  }
}
