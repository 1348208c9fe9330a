package dev.berth.engine.execute;

/** A depends_on condition cannot be met (unhealthy, failed, exited, or timed out); the message says which. */
public class DependencyNotReadyException extends RuntimeException {
  public DependencyNotReadyException(String message) {
    super(message);
  }
}
