package dev.berth.runtime;

import java.util.Objects;

/** The runtime cannot be reached or cannot run here; {@link #hint()} says what to do. */
public class RuntimeUnavailableException extends RuntimeOperationException {
  private final String hint;

  public RuntimeUnavailableException(String operation, String resource, String message, String hint) {
    this(operation, resource, message, hint, null);
  }

  public RuntimeUnavailableException(
      String operation, String resource, String message, String hint, Throwable cause) {
    super(operation, resource, message + "; " + hint, cause);
    this.hint = Objects.requireNonNull(hint, "hint");
  }

  public String hint() {
    return hint;
  }
}
