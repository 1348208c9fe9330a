package dev.berth.engine.graph;

/** The services' {@code depends_on} entries form a cycle; the message names it. */
public class DependencyCycleException extends RuntimeException {
  public DependencyCycleException(String message) {
    super(message);
  }
}
