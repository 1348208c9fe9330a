package dev.berth.engine.desired;

import java.util.Objects;

/**
 * One {@code depends_on} entry: wait for {@code service} to reach {@code condition}; when not {@code required} a
 * failed wait only warns; with {@code restart} this service is restarted when the dependency is recreated.
 */
public record Dependency(String service, DependencyCondition condition, boolean required, boolean restart) {
  public Dependency {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(condition, "condition");
  }

  public static Dependency started(String service) {
    return new Dependency(service, DependencyCondition.SERVICE_STARTED, true, false);
  }

  public static Dependency healthy(String service) {
    return new Dependency(service, DependencyCondition.SERVICE_HEALTHY, true, false);
  }

  public static Dependency completed(String service) {
    return new Dependency(service, DependencyCondition.SERVICE_COMPLETED_SUCCESSFULLY, true, false);
  }

  public Dependency withRestart(boolean restart) {
    return new Dependency(service, condition, required, restart);
  }

  public Dependency withRequired(boolean required) {
    return new Dependency(service, condition, required, restart);
  }

  /** The {@code com.docker.compose.depends_on} label form: {@code service:condition:restart}. */
  public String label() {
    return service + ":" + condition.composeName() + ":" + restart;
  }
}
