package dev.berth.engine.desired;

/** When a dependency counts as ready, as {@code depends_on.condition} says. */
public enum DependencyCondition {
  SERVICE_STARTED("service_started"),
  SERVICE_HEALTHY("service_healthy"),
  SERVICE_COMPLETED_SUCCESSFULLY("service_completed_successfully");

  private final String composeName;

  DependencyCondition(String composeName) {
    this.composeName = composeName;
  }

  /** The Compose spelling, e.g. {@code service_healthy}. */
  public String composeName() {
    return composeName;
  }
}
