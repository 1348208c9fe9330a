package dev.berth.docker;

import dev.berth.runtime.Availability;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.RuntimeProvider;
import dev.berth.runtime.RuntimeUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@code docker} runtime: any Docker Engine reachable through {@code DOCKER_HOST}, a context or the socket. */
public final class DockerRuntimeProvider implements RuntimeProvider {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  /** Where the engine is, from the environment this provider serves. */
  private final Supplier<DockerEndpoint> endpoints;

  /** The provider ServiceLoader creates: reads this process's environment. */
  public DockerRuntimeProvider() {
    this(DockerEndpoint::fromEnvironment);
  }

  private DockerRuntimeProvider(Supplier<DockerEndpoint> endpoints) {
    this.endpoints = endpoints;
  }

  /** This provider reading {@code env} ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, ...) instead. */
  @Override
  public RuntimeProvider forEnvironment(Map<String, String> env) {
    Map<String, String> copy = Map.copyOf(env);
    return new DockerRuntimeProvider(() -> DockerEndpoint.resolve(copy, Path.of(System.getProperty("user.home"))));
  }

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public Availability probe() {
    DockerEndpoint endpoint;
    try {
      endpoint = endpoints.get();
    } catch (RuntimeException e) {
      return Availability.unavailable("cannot tell where the Docker Engine is: " + e.getMessage(),
          "fix the docker context or set DOCKER_HOST");
    }
    return probe(endpoint);
  }

  /** Pings the engine at {@code endpoint}. Never throws. */
  public static Availability probe(DockerEndpoint endpoint) {
    Optional<String> failure;
    try {
      failure = DockerRuntime.pingFailure(endpoint, PROBE_TIMEOUT);
    } catch (RuntimeException e) {
      failure = Optional.of(String.valueOf(e.getMessage()));
    }
    if (failure.isEmpty()) {
      return Availability.available("Docker Engine at " + endpoint);
    }
    return Availability.unavailable("no Docker Engine at " + endpoint + ": " + failure.get(), hint(endpoint));
  }

  static String hint(DockerEndpoint endpoint) {
    if (endpoint.source().equals("DOCKER_HOST")) {
      return "start the engine at " + endpoint.host() + " or correct DOCKER_HOST";
    }
    if (endpoint.source().startsWith("context")) {
      return "start the engine of that context, or switch with `docker context use default` / DOCKER_CONTEXT";
    }
    return "start dockerd (e.g. `sudo systemctl start docker`) or set DOCKER_HOST";
  }

  @Override
  public ContainerRuntime open() {
    DockerEndpoint endpoint;
    try {
      endpoint = endpoints.get();
    } catch (RuntimeException e) {
      throw new RuntimeUnavailableException("open", "docker", "cannot tell where the Docker Engine is: "
          + e.getMessage(), "fix the docker context or set DOCKER_HOST", e);
    }
    return DockerRuntime.connect(endpoint);
  }
}
