package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.runtime.Availability;
import dev.berth.runtime.RuntimeProvider;
import java.net.URI;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DockerRuntimeProviderTest {
  @Test
  void isFoundThroughServiceLoaderAsDocker() {
    assertTrue(ServiceLoader.load(RuntimeProvider.class).stream()
        .anyMatch(p -> p.type() == DockerRuntimeProvider.class && p.get().name().equals("docker")));
  }

  @Test
  void aMissingSocketIsUnavailableWithTheEndpointAndAFix() {
    DockerEndpoint nowhere = new DockerEndpoint(URI.create("unix:///run/berth-no-such-docker.sock"), false,
        Optional.empty(), "default socket");
    Availability a = DockerRuntimeProvider.probe(nowhere);
    assertFalse(a.usable());
    assertTrue(a.reason().startsWith("no Docker Engine at unix:///run/berth-no-such-docker.sock"), a.reason());
    assertEquals("start dockerd (e.g. `sudo systemctl start docker`) or set DOCKER_HOST", a.hint());
  }

  @Test
  void hintsNameTheSettingThatChoseTheEndpoint() {
    DockerEndpoint fromEnv = new DockerEndpoint(URI.create("tcp://127.0.0.1:1"), false, Optional.empty(),
        "DOCKER_HOST");
    Availability a = DockerRuntimeProvider.probe(fromEnv);
    assertFalse(a.usable());
    assertEquals("start the engine at tcp://127.0.0.1:1 or correct DOCKER_HOST", a.hint());
  }
}
