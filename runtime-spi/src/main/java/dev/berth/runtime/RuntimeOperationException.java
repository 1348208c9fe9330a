package dev.berth.runtime;

import java.util.Objects;

/** Base of every failure a {@link ContainerRuntime} reports; names the operation and the resource it concerned. */
public class RuntimeOperationException extends RuntimeException {
  private final String operation;
  private final String resource;

  public RuntimeOperationException(String operation, String resource, String message) {
    this(operation, resource, message, null);
  }

  public RuntimeOperationException(String operation, String resource, String message, Throwable cause) {
    super(operation + " " + resource + ": " + message, cause);
    this.operation = Objects.requireNonNull(operation, "operation");
    this.resource = Objects.requireNonNull(resource, "resource");
  }

  /** The operation that failed, e.g. {@code create container}. */
  public String operation() {
    return operation;
  }

  /** The container, network, volume or image concerned, e.g. {@code demo-web-1}. */
  public String resource() {
    return resource;
  }
}
