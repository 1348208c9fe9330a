package dev.berth.docker;

import static dev.berth.docker.DockerErrors.ConflictMeaning.STATE;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ExecCreateCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import dev.berth.runtime.AttachSpec;
import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.InvalidStateException;
import dev.berth.runtime.ProcessSession;
import dev.berth.runtime.RuntimeOperationException;
import dev.berth.runtime.UnsupportedOperationRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Interactive exec and attach on a Docker Engine: the exec is created through docker-java, the streams run over a
 * {@link HijackedConnection} of our own (so that end of input reaches the process), and resizing goes through
 * docker-java again.
 */
final class DockerSessions {
  private static final Duration EXIT_POLL = Duration.ofMillis(20);

  private final DockerClient client;
  private final DockerEndpoint endpoint;
  private final String apiVersion;

  DockerSessions(DockerClient client, DockerEndpoint endpoint, String apiVersion) {
    this.client = client;
    this.endpoint = endpoint;
    this.apiVersion = apiVersion;
  }

  /** Creates the exec instance for {@code spec} and returns its id. */
  String createExec(ContainerId id, ExecSpec spec) {
    return call("exec in", id.value(), () -> {
      ExecCreateCmd cmd = client.execCreateCmd(id.value()).withCmd(spec.command().toArray(String[]::new))
          .withAttachStdin(spec.stdin()).withAttachStdout(true).withAttachStderr(true).withTty(spec.tty())
          .withPrivileged(spec.privileged());
      if (!spec.env().isEmpty()) {
        cmd.withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
      }
      spec.user().ifPresent(cmd::withUser);
      spec.workingDir().ifPresent(cmd::withWorkingDir);
      return cmd.exec().getId();
    });
  }

  ProcessSession startExec(ContainerId id, ExecSpec spec) {
    String execId = createExec(id, spec);
    HijackedConnection connection = hijack("exec in", id.value(), "/exec/" + execId + "/start",
        "{\"Detach\":false,\"Tty\":" + spec.tty() + "}");
    return HijackedSession.over(connection, spec.tty(), spec.stdin(),
        size -> call("resize the terminal of an exec in", id.value(),
            () -> client.resizeExecCmd(execId).withSize(size.rows(), size.columns()).exec()),
        () -> awaitExecExit(id, execId), "exec-" + shortId(execId));
  }

  ProcessSession attach(ContainerId id, AttachSpec spec) {
    InspectContainerResponse container = call("attach to", id.value(),
        () -> client.inspectContainerCmd(id.value()).exec());
    String name = container.getName() == null ? id.value() : container.getName().replaceFirst("^/", "");
    boolean tty = Boolean.TRUE.equals(container.getConfig().getTty());
    if (spec.stdin() && !Boolean.TRUE.equals(container.getConfig().getStdinOpen())) {
      throw new InvalidStateException("attach to", name, "it was not created with stdin open, so nothing reads"
          + " what would be sent; set stdin_open (run -i) or attach without stdin");
    }
    String query = "stream=1&stdout=1&stderr=1&stdin=" + (spec.stdin() ? 1 : 0)
        + spec.detachKeys().map(k -> "&detachKeys=" + URLEncoder.encode(k, StandardCharsets.UTF_8)).orElse("");
    HijackedConnection connection = hijack("attach to", name, "/containers/" + container.getId() + "/attach?"
        + query, "");
    return HijackedSession.over(connection, tty, spec.stdin(),
        size -> call("resize the terminal of", name,
            () -> client.resizeContainerCmd(container.getId()).withSize(size.rows(), size.columns()).exec()),
        () -> awaitContainerExit(name, container.getId()), "attach-" + name);
  }

  /** Polls the exec until the engine reports it finished with an exit code. */
  private int awaitExecExit(ContainerId id, String execId) throws InterruptedException {
    while (true) {
      InspectExecResponse r = call("exec in", id.value(), () -> client.inspectExecCmd(execId).exec());
      if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) {
        return r.getExitCodeLong().intValue();
      }
      Thread.sleep(EXIT_POLL.toMillis());
    }
  }

  private int awaitContainerExit(String name, String containerId) throws InterruptedException {
    var callback = client.waitContainerCmd(containerId).exec(new com.github.dockerjava.api.command
        .WaitContainerResultCallback());
    try {
      return call("wait for", name, callback::awaitStatusCode);
    } finally {
      try {
        callback.close();
      } catch (IOException e) {
        // the wait is over
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted waiting for " + name);
      }
    }
  }

  private HijackedConnection hijack(String operation, String resource, String path, String json) {
    try {
      return HijackedConnection.open(endpoint, "/v" + apiVersion + path, json);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedOperationRuntimeException(operation, resource, e.getMessage());
    } catch (IOException e) {
      throw DockerErrors.translate(operation, resource, new UncheckedIOException(e), STATE);
    } catch (RuntimeException e) {
      throw DockerErrors.translate(operation, resource, e, STATE);
    }
  }

  private static <T> T call(String operation, String resource, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeOperationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw DockerErrors.translate(operation, resource, e, STATE);
    }
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
