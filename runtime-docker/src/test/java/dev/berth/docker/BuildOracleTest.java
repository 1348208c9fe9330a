package dev.berth.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.embedded.EngineOptions;
import dev.berth.embedded.snapshot.Mounts;
import dev.berth.embedded.spi.EmbeddedRuntime;
import dev.berth.embedded.testing.ContainerHost;
import dev.berth.embedded.util.Files2;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle: one Dockerfile (FROM scratch, COPY, ARG, ENV, WORKDIR, USER, LABEL, EXPOSE, ENTRYPOINT, CMD) built
 * through the runtime SPI by dockerd's classic builder and by the embedded engine gives the same image config
 * (Env, Cmd, Entrypoint, WorkingDir, User, Labels, ExposedPorts) and the same file tree (type, mode, owner, content
 * hash). Both images are read from {@code docker save} archives each runtime writes. Expected to differ, and not
 * compared: ids, timestamps, and the history.
 */
class BuildOracleTest {
  @RegisterExtension
  static final TestDockerDaemon DOCKER = new TestDockerDaemon();

  private static final List<String> CONFIG_FIELDS = List.of("Env", "Cmd", "Entrypoint", "WorkingDir", "User",
      "Labels", "ExposedPorts");

  private static final String DOCKERFILE = """
      FROM scratch
      ARG VERSION=1.0
      ARG PORT=8080
      COPY busybox /bin/busybox
      COPY hello.txt /srv/app/hello.txt
      COPY conf/ /etc/app/
      ENV APP_VERSION=$VERSION PATH=/bin
      ENV GREETING="hello oracle"
      WORKDIR /srv/app
      USER 1000:1000
      LABEL org.example.version=$VERSION org.example.name="oracle test"
      EXPOSE $PORT 9090/udp
      ENTRYPOINT ["/bin/busybox"]
      CMD ["cat", "/srv/app/hello.txt"]
      """;

  @Test
  void plainDockerdRefusesANamedContextUsedAsABaseImageBeforeSendingAnything(@TempDir Path work) throws Exception {
    Files.writeString(work.resolve("Dockerfile"), "FROM extra\nCOPY x /x\n");
    ImageRef tag = ImageRef.of("berth-refused-" + UUID.randomUUID().toString().substring(0, 8) + ":test");
    BuildSpec spec = BuildSpec.builder(work, tag).additionalContext("extra", "/bin").build();
    try (DockerRuntime docker = DockerRuntime.connect(DOCKER.endpoint())) {
      var e = org.junit.jupiter.api.Assertions.assertThrows(
          dev.berth.runtime.UnsupportedOperationRuntimeException.class, () -> docker.build(spec, event -> { }));
      assertTrue(e.getMessage().contains("additional_contexts (extra)") && e.getMessage().contains("FROM extra"),
          e.getMessage());
      org.junit.jupiter.api.Assertions.assertThrows(NotFoundException.class, () -> docker.inspectImage(tag));
    }
  }

  @Test
  void aLocalNamedContextGivesTheSameImageOnDockerdAsOnTheEmbeddedEngine(@TempDir Path work) throws Exception {
    ContainerHost.assumeContainersCanRun();
    Path context = Files.createDirectories(work.resolve("context"));
    Path shared = Files.createDirectories(work.resolve("shared/conf"));
    Files.writeString(shared.resolve("a.conf"), "a = 1\n");
    Files.writeString(shared.resolve("b.conf"), "b = 2\n");
    Files.writeString(work.resolve("shared/notes.txt"), "only this and the conf files are copied\n");
    Files.writeString(work.resolve("shared/secret.key"), "never sent to the daemon\n");
    Files.writeString(context.resolve("Dockerfile"), """
        FROM scratch
        COPY --from=hostbin busybox /bin/busybox
        COPY --from=shared \\
             conf/*.conf notes.txt /etc/app/
        COPY --from=shared ["conf", "/srv/conf"]
        CMD ["cat", "/etc/app/a.conf"]
        """);
    ImageRef tag = ImageRef.of("berth-folded-" + UUID.randomUUID().toString().substring(0, 8) + ":test");
    BuildSpec spec = BuildSpec.builder(context, tag).additionalContext("hostbin", "/bin")
        .additionalContext("shared", "../shared").build();

    ImageArchiveView fromDocker;
    try (DockerRuntime docker = DockerRuntime.connect(DOCKER.endpoint())) {
      fromDocker = buildAndSave(docker, spec, work.resolve("docker.tar"));
    }
    Path root = Files.createTempDirectory("berth-oracle-embedded");
    ImageArchiveView fromEmbedded;
    try {
      try (EmbeddedRuntime embedded = EmbeddedRuntime.open(EngineOptions.at(root.resolve("lib"),
          root.resolve("run")))) {
        fromEmbedded = buildAndSave(embedded, spec, work.resolve("embedded.tar"));
      }
    } finally {
      Files2.deleteTree(root);
    }
    assertEquals(fromEmbedded.files(), fromDocker.files(), "file tree of the image");
    assertTrue(fromDocker.files().keySet().containsAll(List.of("/bin/busybox", "/etc/app/a.conf", "/etc/app/b.conf",
        "/etc/app/notes.txt", "/srv/conf/a.conf")), fromDocker.files().toString());
    assertTrue(fromDocker.files().keySet().stream().noneMatch(f -> f.contains("berth-contexts")
        || f.contains("secret")), fromDocker.files().toString());
  }

  @Test
  void dockerdAndTheEmbeddedEngineBuildTheSameImage(@TempDir Path work) throws Exception {
    ContainerHost.assumeContainersCanRun();
    Path context = Files.createDirectories(work.resolve("context"));
    Files.copy(Path.of("/bin/busybox"), context.resolve("busybox"));
    Files.writeString(context.resolve("hello.txt"), "hello from the oracle\n");
    Files.createDirectories(context.resolve("conf"));
    Files.writeString(context.resolve("conf/app.conf"), "answer = 42\n");
    Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
    ImageRef tag = ImageRef.of("berth-oracle-" + UUID.randomUUID().toString().substring(0, 8) + ":test");
    BuildSpec spec = BuildSpec.builder(context, tag).arg("VERSION", "2.5").build();

    ImageArchiveView fromDocker;
    try (DockerRuntime docker = DockerRuntime.connect(DOCKER.endpoint())) {
      fromDocker = buildAndSave(docker, spec, work.resolve("docker.tar"));
    }
    Path root = Files.createTempDirectory("berth-oracle-embedded");
    ImageArchiveView fromEmbedded;
    try {
      try (EmbeddedRuntime embedded = EmbeddedRuntime.open(EngineOptions.at(root.resolve("lib"),
          root.resolve("run")))) {
        fromEmbedded = buildAndSave(embedded, spec, work.resolve("embedded.tar"));
      }
    } finally {
      assertEquals(List.of(), Mounts.mountsUnder(root), "the embedded build leaves no mount behind");
      Files2.deleteTree(root);
    }

    for (String field : CONFIG_FIELDS) {
      assertEquals(fromDocker.config().get(field), fromEmbedded.config().get(field), "config field " + field);
    }
    assertEquals("2.5", fromDocker.config().get("Labels").get("org.example.version").asText(),
        "the build arg reached the label");
    assertEquals(fromDocker.files(), fromEmbedded.files(), "file tree of the image");
    assertTrue(fromDocker.files().containsKey("/etc/app/app.conf"), fromDocker.files().toString());
  }

  private static ImageArchiveView buildAndSave(ContainerRuntime runtime, BuildSpec spec, Path archive)
      throws Exception {
    try {
      runtime.build(spec, e -> { });
      runtime.saveImages(List.of(spec.image()), archive);
      return ImageArchiveView.read(archive);
    } finally {
      try {
        runtime.removeImage(spec.image(), true);
      } catch (NotFoundException e) {
        // the build failed before tagging
      }
    }
  }

}
