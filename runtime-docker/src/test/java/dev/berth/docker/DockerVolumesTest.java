package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.Mount;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.VolumesFrom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** volumes_from and volume subpaths against the private test dockerd (Docker 20.10, API 1.41). */
class DockerVolumesTest {
  @RegisterExtension
  static final TestDockerDaemon DOCKER = new TestDockerDaemon();
  private static final String LABEL = "dev.berth.test.volumes";

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private DockerRuntime runtime;
  private DockerClient raw;

  @BeforeEach
  void connect() {
    runtime = DockerRuntime.connect(DOCKER.endpoint());
    raw = DockerConnector.connect(DOCKER.endpoint(), Duration.ofMinutes(1)).client();
  }

  @AfterEach
  void cleanUp() throws Exception {
    LabelSelector mine = LabelSelector.of(LABEL, run);
    runtime.list(mine).forEach(c -> runtime.remove(c.id(), true, true));
    runtime.listVolumes(mine).forEach(v -> runtime.removeVolume(v.name(), true));
    runtime.close();
    raw.close();
  }

  private String name(String suffix) {
    return "berth-vol-" + run + "-" + suffix;
  }

  private ContainerSpec.Builder sleeper(String suffix) {
    return ContainerSpec.builder(name(suffix), DOCKER.image()).command(List.of("sh", "-c", "sleep 3600"))
        .labels(Map.of(LABEL, run));
  }

  private ContainerId started(ContainerSpec spec) {
    ContainerId id = runtime.create(spec);
    runtime.start(id);
    return id;
  }

  private String sh(ContainerId id, String script) {
    ExecResult result = runtime.exec(id, ExecSpec.of("sh", "-c", script));
    assertEquals(0, result.exitCode(), () -> "'" + script + "' failed: " + result.stderr());
    return result.stdout().trim();
  }

  @Test
  void volumesFromReachesDockerdAndSharesTheSourcesVolumes() {
    String volume = name("data");
    runtime.createVolume(VolumeSpec.local(volume, Map.of(LABEL, run)));
    ContainerId source = started(sleeper("source").mounts(List.of(Mount.Volume.named(volume, "/data"))).build());
    sh(source, "echo from-source > /data/f");
    ContainerId ro = started(sleeper("ro").volumesFrom(List.of(new VolumesFrom(name("source"), true))).build());
    ContainerId rw = started(sleeper("rw").volumesFrom(List.of(new VolumesFrom(name("source"), false))).build());

    assertEquals(List.of(name("source") + ":ro"),
        List.of(raw.inspectContainerCmd(ro.value()).exec().getHostConfig().getVolumesFrom()).stream()
            .map(Object::toString).toList());
    assertEquals("from-source", sh(ro, "cat /data/f"));
    assertNotEquals(0, runtime.exec(ro, ExecSpec.of("touch", "/data/x")).exitCode(), ":ro is read-only");
    sh(rw, "echo back > /data/g");
    assertEquals("back", sh(source, "cat /data/g"));
    assertTrue(runtime.inspect(ro).mounts().stream().anyMatch(m -> m.source().equals(volume) && m.readOnly()),
        () -> runtime.inspect(ro).mounts().toString());
  }

  @Test
  void aSubpathIsRefusedByNameBelowApi145() {
    String volume = name("sub");
    runtime.createVolume(VolumeSpec.local(volume, Map.of(LABEL, run)));
    UnsupportedOperationRuntimeException e = assertThrows(UnsupportedOperationRuntimeException.class,
        () -> runtime.create(sleeper("sub").mounts(List.of(new Mount.Volume(Optional.of(volume), "/etc/app",
            false, false, Optional.of("conf")))).build()));
    assertTrue(e.getMessage().contains("subpath") && e.getMessage().contains("1.45"), e.getMessage());
    assertTrue(runtime.list(LabelSelector.of(LABEL, run)).isEmpty(), "nothing was created");
  }
}
