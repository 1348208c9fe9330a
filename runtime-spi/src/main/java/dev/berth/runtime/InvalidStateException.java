package dev.berth.runtime;

/** The container's state does not allow the operation, e.g. exec in a stopped container. */
public class InvalidStateException extends RuntimeOperationException {
  public InvalidStateException(String operation, String resource, String message) {
    super(operation, resource, message);
  }
}
