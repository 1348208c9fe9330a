package dev.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A test image {@code FROM scratch} with the host's static busybox, its applet links and a {@code printenv}, built
 * on a Docker Engine without contacting any registry.
 */
public final class BusyboxTestImage {
  private static final List<Path> BUSYBOX = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

  /** printenv as a POSIX shell script: all variables, or the values of the named ones (exit 1 if one is unset). */
  private static final String PRINTENV = """
      #!/bin/sh
      [ "$#" -eq 0 ] && exec env
      status=0
      for name in "$@"; do
        if eval "[ -n \"\\${$name+x}\" ]"; then eval "printf '%s\\n' \"\\$$name\""; else status=1; fi
      done
      exit $status
      """;

  private BusyboxTestImage() {
  }

  /** Why the image cannot be built here; empty when it can. */
  public static Optional<String> unavailable() {
    return busybox().isPresent() ? Optional.empty()
        : Optional.of("busybox-static is not installed (apt-get install busybox-static)");
  }

  /** Builds the image as {@code tag} on the engine {@code client} talks to. */
  public static void build(DockerClient client, String tag) {
    Path busybox = busybox().orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
    Path context = null;
    try {
      context = Files.createTempDirectory("berth-busybox-image");
      Files.copy(busybox, context.resolve("busybox"));
      // Debian's busybox-static has no printenv applet; the runtime contract needs one
      Files.writeString(context.resolve("printenv"), PRINTENV);
      Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n"
          + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
          + "COPY printenv /bin/printenv\n"
          + "RUN [\"/bin/busybox\", \"chmod\", \"755\", \"/bin/printenv\"]\n");
      client.buildImageCmd().withBaseDirectory(context.toFile()).withDockerfile(context.resolve("Dockerfile")
          .toFile()).withTags(Set.of(tag)).withPull(false).withRemove(true).withForcerm(true)
          .exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      PrivateDockerd.deleteTree(context);
    }
  }

  private static Optional<Path> busybox() {
    return BUSYBOX.stream().filter(Files::isExecutable).findFirst();
  }
}
