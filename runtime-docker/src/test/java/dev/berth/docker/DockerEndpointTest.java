package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEndpointTest {
  @TempDir
  Path home;

  @Test
  void defaultsToTheLocalSocket() {
    DockerEndpoint e = DockerEndpoint.resolve(Map.of(), home);
    assertEquals(URI.create("unix:///var/run/docker.sock"), e.host());
    assertFalse(e.tlsVerify());
    assertEquals(Optional.empty(), e.certPath());
    assertEquals("default socket", e.source());
  }

  @Test
  void dockerHostWinsOverContextsAndCarriesTlsSettings() throws IOException {
    writeContext("remote", "tcp://remote:2376", false);
    DockerEndpoint e = DockerEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376", "DOCKER_CONTEXT",
        "remote", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs"), home);
    assertEquals(URI.create("tcp://10.0.0.5:2376"), e.host());
    assertTrue(e.tlsVerify());
    assertEquals(Optional.of(Path.of("/certs")), e.certPath());
    assertEquals("DOCKER_HOST", e.source());
  }

  @Test
  void tlsVerifyWithoutCertPathUsesTheConfigDirectory() {
    DockerEndpoint e = DockerEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1"), home);
    assertEquals(Optional.of(home.resolve(".docker")), e.certPath());
    assertFalse(DockerEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://h:2375", "DOCKER_TLS_VERIFY", "0"), home)
        .tlsVerify());
  }

  @Test
  void dockerContextVariableSelectsAContextByTheSha256OfItsName() throws IOException {
    writeContext("remote", "ssh://me@box", false);
    DockerEndpoint e = DockerEndpoint.resolve(Map.of("DOCKER_CONTEXT", "remote"), home);
    assertEquals(URI.create("ssh://me@box"), e.host());
    assertTrue(e.source().contains("\"remote\""), e.source());
  }

  @Test
  void currentContextOfConfigJsonIsUsedWithItsTlsMaterial() throws IOException {
    Path tls = writeContext("secure", "tcp://secure:2376", true);
    Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{},\"currentContext\":\"secure\"}");
    DockerEndpoint e = DockerEndpoint.resolve(Map.of(), home);
    assertEquals(URI.create("tcp://secure:2376"), e.host());
    assertTrue(e.tlsVerify());
    assertEquals(Optional.of(tls), e.certPath());
  }

  @Test
  void theDefaultContextMeansTheLocalSocket() throws IOException {
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"default\"}");
    assertEquals(DockerEndpoint.DEFAULT_HOST, DockerEndpoint.resolve(Map.of(), home).host());
  }

  @Test
  void dockerConfigVariableMovesTheConfigDirectory() throws IOException {
    Path elsewhere = home.resolve("elsewhere");
    Files.createDirectories(elsewhere);
    Files.writeString(elsewhere.resolve("config.json"), "{\"currentContext\":\"nope\"}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DockerEndpoint.resolve(Map.of("DOCKER_CONFIG", elsewhere.toString()), home));
    assertTrue(e.getMessage().startsWith("docker context \"nope\""), e.getMessage());
  }

  @Test
  void contextDirectoriesAreNamedByTheSha256OfTheContextName() {
    assertEquals("37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f",
        DockerEndpoint.contextDirectoryName("default"));
  }

  private Path writeContext(String name, String host, boolean tls) throws IOException {
    String dir = DockerEndpoint.contextDirectoryName(name);
    Path meta = home.resolve(".docker/contexts/meta").resolve(dir);
    Files.createDirectories(meta);
    Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":"
        + "{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
    Path tlsDir = home.resolve(".docker/contexts/tls").resolve(dir).resolve("docker");
    if (tls) {
      Files.createDirectories(tlsDir);
    }
    return tlsDir;
  }
}
