package dev.berth.docker;

import com.github.dockerjava.api.exception.DockerException;
import dev.berth.runtime.ConflictException;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.NotFoundException;
import dev.berth.runtime.RuntimeOperationException;
import dev.berth.runtime.RuntimeUnavailableException;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.io.IOException;

/** Turns docker-java failures into the runtime SPI's typed exceptions. */
final class DockerErrors {
  private DockerErrors() {}

  /** How a 409 answer is read for one operation: a clash with another resource, or a wrong container state. */
  enum ConflictMeaning { CLASH, STATE }

  static RuntimeOperationException translate(String operation, String resource, RuntimeException e,
      ConflictMeaning conflict) {
    if (e instanceof RuntimeOperationException already) {
      return already;
    }
    if (e instanceof DockerException d) {
      String message = engineMessage(d);
      return switch (d.getHttpStatus()) {
        case 404 -> new NotFoundException(operation, resource, message);
        case 409 -> conflict == ConflictMeaning.STATE
            ? new InvalidStateException(operation, resource, message)
            : new ConflictException(operation, resource, message);
        // dockerd answers 403 for "network has active endpoints" and "endpoint already exists"
        case 403 -> new ConflictException(operation, resource, message);
        case 501 -> new UnsupportedOperationRuntimeException(operation, resource, message);
        default -> new RuntimeOperationException(operation, resource,
            "Docker Engine answered " + d.getHttpStatus() + ": " + message, e);
      };
    }
    if (isConnectionFailure(e)) {
      return new RuntimeUnavailableException(operation, resource, "cannot reach the Docker Engine: " + rootMessage(e),
          "start dockerd or point DOCKER_HOST / DOCKER_CONTEXT at a running engine", e);
    }
    return new RuntimeOperationException(operation, resource, String.valueOf(e.getMessage()), e);
  }

  static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** docker-java prefixes the engine's JSON ({"message":"..."}) with "Status 404: "; keep only the message. */
  static String engineMessage(DockerException e) {
    String m = String.valueOf(e.getMessage());
    int start = m.indexOf("\"message\":\"");
    if (start >= 0) {
      int from = start + "\"message\":\"".length();
      int end = m.indexOf('"', from);
      if (end > from) {
        return m.substring(from, end);
      }
    }
    return m.replaceFirst("^Status \\d+: ", "").trim();
  }
}
