package dev.berth.runtime;

/** The lifecycle states of a container, as the Docker Engine API names them. */
public enum ContainerStatus {
  CREATED, RUNNING, PAUSED, RESTARTING, EXITED, DEAD;

  /** True while the main process exists (running, paused or restarting). */
  public boolean isActive() {
    return this == RUNNING || this == PAUSED || this == RESTARTING;
  }
}
