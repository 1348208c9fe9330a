package dev.berth.engine.compose;

import dev.berth.engine.desired.ReadinessProbe;
import dev.berth.model.canonical.GoDuration;
import dev.berth.model.problem.ComposeException;
import dev.berth.model.problem.Problem;
import dev.berth.model.project.Project;

import dev.berth.model.project.Service;
import dev.berth.model.tree.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code x-berth-ready} service extension (docs/design/readiness.md) into {@link ReadinessProbe}s.
 * Exactly one of {@code port}, {@code http}, {@code log}, {@code command}; optional {@code interval} (default 1s),
 * {@code timeout} (default 2s) and {@code host} (default 127.0.0.1). A port probe connects to the published port of
 * that container port when one is fixed, else to the container port itself.
 */
public final class ReadinessProbes {
  public static final String EXTENSION = "x-berth-ready";
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private ReadinessProbes() {}

  /**
   * The probe of every service that declares one, by service name.
   *
   * @throws ComposeException with one problem per service whose probe is invalid
   */
  public static Map<String, ReadinessProbe> of(Project project) {
    Map<String, ReadinessProbe> out = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    project.services().forEach((name, service) -> {
      Object raw = service.extensions().get(EXTENSION);
      if (raw != null) {
        try {
          out.put(name, parse(name, service, raw));
        } catch (IllegalArgumentException e) {
          problems.add(Problem.error(Location.UNKNOWN, "services." + name + "." + EXTENSION, String.valueOf(raw),
              e.getMessage().substring(e.getMessage().indexOf(": ") + 2), EXTENSION,
              "see docs/design/readiness.md: one of port, http, log, command; interval and timeout as 500ms, 2s"));
        }
      }
    });
    if (!problems.isEmpty()) {
      throw new ComposeException(problems);
    }
    return out;
  }

  static ReadinessProbe parse(String serviceName, Service service, Object raw) {
    if (!(raw instanceof Map<?, ?> map)) {
      throw invalid(serviceName, "must be a mapping with one of port, http, log, command");
    }
    String host = map.containsKey("host") ? map.get("host").toString() : "127.0.0.1";
    List<ReadinessProbe.Check> checks = new ArrayList<>();
    if (map.containsKey("port")) {
      int port = integer(serviceName, "port", map.get("port"));
      checks.add(new ReadinessProbe.Port(host, hostPort(service, port)));
    }
    if (map.containsKey("http")) {
      checks.add(http(serviceName, service, host, map.get("http")));
    }
    if (map.containsKey("log")) {
      try {
        checks.add(new ReadinessProbe.Log(Pattern.compile(map.get("log").toString())));
      } catch (PatternSyntaxException e) {
        throw invalid(serviceName, "log is not a valid regular expression: " + e.getDescription());
      }
    }
    if (map.containsKey("command")) {
      Object c = map.get("command");
      List<String> command = c instanceof List<?> l ? l.stream().map(String::valueOf).toList()
          : List.of("/bin/sh", "-c", c.toString());
      checks.add(new ReadinessProbe.Command(command));
    }
    if (checks.size() != 1) {
      throw invalid(serviceName, "needs exactly one of port, http, log, command (found " + checks.size() + ")");
    }
    return new ReadinessProbe(checks.get(0), duration(serviceName, map.get("interval"), DEFAULT_INTERVAL),
        duration(serviceName, map.get("timeout"), DEFAULT_TIMEOUT));
  }

  private static ReadinessProbe.Check http(String serviceName, Service service, String host, Object raw) {
    if (!(raw instanceof Map<?, ?> http) || !http.containsKey("port")) {
      throw invalid(serviceName, "http needs a mapping with port (and optional path, status)");
    }
    int port = integer(serviceName, "http.port", http.get("port"));
    String path = http.containsKey("path") ? http.get("path").toString() : "/";
    int status = http.containsKey("status") ? integer(serviceName, "http.status", http.get("status")) : 0;
    return new ReadinessProbe.Http(host, hostPort(service, port), path.startsWith("/") ? path : "/" + path, status);
  }

  /** The fixed published port of container port {@code port}, else {@code port}. */
  static int hostPort(Service service, int port) {
    return ServiceSpecs.ports(service).stream()
        .filter(p -> p.containerPort() == port && p.hostPort() != 0 && p.protocol().equals("tcp"))
        .map(p -> p.hostPort()).findFirst().orElse(port);
  }

  private static int integer(String serviceName, String key, Object value) {
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw invalid(serviceName, key + " must be a number, was " + value);
    }
  }

  private static Duration duration(String serviceName, Object value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return GoDuration.parse(value.toString());
    } catch (RuntimeException e) {
      throw invalid(serviceName, "bad duration " + value + " (use e.g. 500ms, 2s, 1m)");
    }
  }

  private static IllegalArgumentException invalid(String serviceName, String message) {
    return new IllegalArgumentException("services." + serviceName + "." + EXTENSION + ": " + message);
  }
}
