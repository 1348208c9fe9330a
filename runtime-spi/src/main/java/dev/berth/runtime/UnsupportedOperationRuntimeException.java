package dev.berth.runtime;

/** This runtime does not implement the operation or option. */
public class UnsupportedOperationRuntimeException extends RuntimeOperationException {
  public UnsupportedOperationRuntimeException(String operation, String resource, String message) {
    super(operation, resource, message);
  }
}
