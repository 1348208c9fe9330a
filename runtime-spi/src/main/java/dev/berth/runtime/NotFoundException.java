package dev.berth.runtime;

/** The container, network, volume or image does not exist. */
public class NotFoundException extends RuntimeOperationException {
  public NotFoundException(String operation, String resource, String message) {
    super(operation, resource, message);
  }
}
