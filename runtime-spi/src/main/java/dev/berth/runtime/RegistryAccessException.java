package dev.berth.runtime;

/**
 * A registry could not be used for a pull or push: unreachable, credentials refused or missing, content corrupt, or
 * an image format refused. The message names the registry and what to do (e.g. {@code berth login <registry>}).
 */
public class RegistryAccessException extends RuntimeOperationException {
  /** Why the registry could not be used. */
  public enum Reason { UNREACHABLE, UNAUTHORIZED, CORRUPT, REFUSED }

  private final String registry;
  private final Reason reason;

  public RegistryAccessException(String operation, String image, String registry, Reason reason, String message,
      Throwable cause) {
    super(operation, image, message, cause);
    this.registry = registry;
    this.reason = reason;
  }

  public String registry() {
    return registry;
  }

  public Reason reason() {
    return reason;
  }
}
