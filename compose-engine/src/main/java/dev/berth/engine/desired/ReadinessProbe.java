package dev.berth.engine.desired;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Berth's readiness probe for a service without a healthcheck (the {@code x-berth-ready} extension): one check run
 * every {@code interval} until it passes, each attempt limited to {@code timeout}. {@code service_healthy} waits and
 * {@code up --wait} use it when the container reports no health status.
 */
public record ReadinessProbe(Check check, Duration interval, Duration timeout) {
  public ReadinessProbe {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** What "ready" means. */
  public sealed interface Check permits Port, Http, Log, Command {
    /** A short description for messages, e.g. {@code tcp 127.0.0.1:5432}. */
    String describe();
  }

  /** A TCP connection to {@code host:port} succeeds ({@code port} is the published port when one is fixed). */
  public record Port(String host, int port) implements Check {
    public Port {
      Objects.requireNonNull(host, "host");
    }

    @Override
    public String describe() {
      return "tcp " + host + ":" + port;
    }
  }

  /** An HTTP GET of {@code http://host:port/path} answers {@code status}, or any 2xx when {@code status} is 0. */
  public record Http(String host, int port, String path, int status) implements Check {
    public Http {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String describe() {
      return "http://" + host + ":" + port + path + (status == 0 ? " 2xx" : " " + status);
    }
  }

  /** A log line of the container matches {@code pattern} (searched, not anchored). */
  public record Log(Pattern pattern) implements Check {
    public Log {
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public String describe() {
      return "log /" + pattern.pattern() + "/";
    }
  }

  /** {@code command} run inside the container exits 0. */
  public record Command(List<String> command) implements Check {
    public Command {
      command = List.copyOf(command);
    }

    @Override
    public String describe() {
      return "exec " + String.join(" ", command);
    }
  }
}
