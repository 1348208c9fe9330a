package dev.berth.runtime;

/** An image reference that breaks the reference grammar; the message says which part and which rule. */
public final class InvalidImageReferenceException extends IllegalArgumentException {
  private final String reference;

  public InvalidImageReferenceException(String reference, String reason) {
    super("invalid image reference '" + reference + "': " + reason
        + " (write [registry[:port]/]repository[:tag][@sha256:digest], e.g. redis:7-alpine)");
    this.reference = reference;
  }

  public String reference() {
    return reference;
  }
}
