package dev.berth.engine.execute;

import dev.berth.engine.desired.ReadinessProbe;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.LogEntry;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.RuntimeOperationException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Runs one attempt of a {@link ReadinessProbe} against one container: true when the check passes. */
public final class ProbeRunner {
  private final ContainerRuntime runtime;

  public ProbeRunner(ContainerRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
  }

  /** One attempt; never throws for a failing check, only for an interrupted thread. */
  public boolean passes(ContainerSummary container, ReadinessProbe probe) {
    int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, probe.timeout().toMillis()));
    try {
      ReadinessProbe.Check check = probe.check();
      if (check instanceof ReadinessProbe.Port p) {
        return connects(p.host(), p.port(), timeoutMillis);
      }
      if (check instanceof ReadinessProbe.Http h) {
        return answers(h, timeoutMillis);
      }
      if (check instanceof ReadinessProbe.Log l) {
        return logMatches(container, l);
      }
      return execSucceeds(container, (ReadinessProbe.Command) check);
    } catch (IOException | RuntimeOperationException e) {
      return false;
    }
  }

  private static boolean connects(String host, int port, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      return true;
    }
  }

  private static boolean answers(ReadinessProbe.Http h, int timeoutMillis) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + h.host() + ":" + h.port() + h.path())
        .toURL().openConnection();
    connection.setConnectTimeout(timeoutMillis);
    connection.setReadTimeout(timeoutMillis);
    connection.setInstanceFollowRedirects(false);
    try {
      int status = connection.getResponseCode();
      return h.status() == 0 ? status >= 200 && status < 300 : status == h.status();
    } finally {
      connection.disconnect();
    }
  }

  private boolean logMatches(ContainerSummary container, ReadinessProbe.Log l) {
    try (LogStream logs = runtime.logs(container.id(), LogOptions.ALL)) {
      while (logs.hasNext()) {
        LogEntry entry = logs.next();
        if (l.pattern().matcher(entry.line()).find()) {
          return true;
        }
      }
      return false;
    }
  }

  private boolean execSucceeds(ContainerSummary container, ReadinessProbe.Command c) {
    if (!container.state().running()) {
      return false;
    }
    ExecResult result = runtime.exec(container.id(),
        new ExecSpec(c.command(), Map.of(), Optional.empty(), Optional.empty(), false, false));
    return result.exitCode() == 0;
  }
}
