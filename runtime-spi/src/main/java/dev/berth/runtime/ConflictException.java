package dev.berth.runtime;

/** The operation clashes with another resource: a duplicate name, or a resource still in use. */
public class ConflictException extends RuntimeOperationException {
  public ConflictException(String operation, String resource, String message) {
    super(operation, resource, message);
  }
}
