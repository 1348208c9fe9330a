package dev.berth.runtime.tck;

import dev.berth.runtime.ContainerId;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.ContainerSummary;
import dev.berth.runtime.ExecResult;
import dev.berth.runtime.ExecSpec;
import dev.berth.runtime.ImageRef;
import dev.berth.runtime.ImageSummary;
import dev.berth.runtime.LabelSelector;
import dev.berth.runtime.LogOptions;
import dev.berth.runtime.LogStream;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.NetworkSummary;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.VolumeSummary;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A runtime that forwards every call to a delegate through {@link #around(String, Call)}, so a test can observe or
 * perturb calls (count concurrency, inject failures) by overriding one method.
 */
public class ForwardingContainerRuntime implements ContainerRuntime {
  private final ContainerRuntime delegate;

  /** One forwarded call. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws InterruptedException;
  }

  public ForwardingContainerRuntime(ContainerRuntime delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Runs {@code call} (named {@code operation}, the SPI method name); override to observe every call. */
  protected <T> T around(String operation, Call<T> call) throws InterruptedException {
    return call.call();
  }

  private <T> T forward(String operation, Call<T> call) {
    try {
      return around(operation, call);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.berth.runtime.RuntimeOperationException(operation, "", "interrupted", e);
    }
  }

  @Override
  public ContainerId create(ContainerSpec spec) {
    return forward("create", () -> delegate.create(spec));
  }

  @Override
  public void start(ContainerId id) {
    forward("start", () -> {
      delegate.start(id);
      return null;
    });
  }

  @Override
  public void stop(ContainerId id, Duration timeout) {
    forward("stop", () -> {
      delegate.stop(id, timeout);
      return null;
    });
  }

  @Override
  public void kill(ContainerId id, String signal) {
    forward("kill", () -> {
      delegate.kill(id, signal);
      return null;
    });
  }

  @Override
  public void restart(ContainerId id, Duration timeout) {
    forward("restart", () -> {
      delegate.restart(id, timeout);
      return null;
    });
  }

  @Override
  public void pause(ContainerId id) {
    forward("pause", () -> {
      delegate.pause(id);
      return null;
    });
  }

  @Override
  public void unpause(ContainerId id) {
    forward("unpause", () -> {
      delegate.unpause(id);
      return null;
    });
  }

  @Override
  public void remove(ContainerId id, boolean force, boolean removeVolumes) {
    forward("remove", () -> {
      delegate.remove(id, force, removeVolumes);
      return null;
    });
  }

  @Override
  public void rename(ContainerId id, String newName) {
    forward("rename", () -> {
      delegate.rename(id, newName);
      return null;
    });
  }

  @Override
  public int waitForExit(ContainerId id) throws InterruptedException {
    return around("waitForExit", () -> delegate.waitForExit(id));
  }

  @Override
  public ContainerSummary inspect(ContainerId id) {
    return forward("inspect", () -> delegate.inspect(id));
  }

  @Override
  public List<ContainerSummary> list(LabelSelector selector) {
    return forward("list", () -> delegate.list(selector));
  }

  @Override
  public LogStream logs(ContainerId id, LogOptions options) {
    return forward("logs", () -> delegate.logs(id, options));
  }

  @Override
  public ExecResult exec(ContainerId id, ExecSpec spec) {
    return forward("exec", () -> delegate.exec(id, spec));
  }

  @Override
  public dev.berth.runtime.ProcessSession startExec(ContainerId id, ExecSpec spec) {
    return forward("startExec", () -> delegate.startExec(id, spec));
  }

  @Override
  public dev.berth.runtime.ProcessSession attach(ContainerId id, dev.berth.runtime.AttachSpec spec) {
    return forward("attach", () -> delegate.attach(id, spec));
  }

  @Override
  public NetworkSummary createNetwork(NetworkSpec spec) {
    return forward("createNetwork", () -> delegate.createNetwork(spec));
  }

  @Override
  public NetworkSummary inspectNetwork(String name) {
    return forward("inspectNetwork", () -> delegate.inspectNetwork(name));
  }

  @Override
  public void removeNetwork(String name) {
    forward("removeNetwork", () -> {
      delegate.removeNetwork(name);
      return null;
    });
  }

  @Override
  public void connect(ContainerId id, NetworkAttachment attachment) {
    forward("connect", () -> {
      delegate.connect(id, attachment);
      return null;
    });
  }

  @Override
  public void disconnect(ContainerId id, String network, boolean force) {
    forward("disconnect", () -> {
      delegate.disconnect(id, network, force);
      return null;
    });
  }

  @Override
  public List<NetworkSummary> listNetworks(LabelSelector selector) {
    return forward("listNetworks", () -> delegate.listNetworks(selector));
  }

  @Override
  public VolumeSummary createVolume(VolumeSpec spec) {
    return forward("createVolume", () -> delegate.createVolume(spec));
  }

  @Override
  public VolumeSummary inspectVolume(String name) {
    return forward("inspectVolume", () -> delegate.inspectVolume(name));
  }

  @Override
  public void removeVolume(String name, boolean force) {
    forward("removeVolume", () -> {
      delegate.removeVolume(name, force);
      return null;
    });
  }

  @Override
  public List<VolumeSummary> listVolumes(LabelSelector selector) {
    return forward("listVolumes", () -> delegate.listVolumes(selector));
  }

  @Override
  public ImageSummary inspectImage(ImageRef image) {
    return forward("inspectImage", () -> delegate.inspectImage(image));
  }

  @Override
  public List<ImageSummary> listImages() {
    return forward("listImages", () -> delegate.listImages());
  }

  @Override
  public void removeImage(ImageRef image, boolean force) {
    forward("removeImage", () -> {
      delegate.removeImage(image, force);
      return null;
    });
  }

  @Override
  public void tagImage(ImageRef source, ImageRef target) {
    forward("tagImage", () -> {
      delegate.tagImage(source, target);
      return null;
    });
  }
  @Override
  public List<ImageRef> loadImages(java.nio.file.Path archive) {
    return forward("loadImages", () -> delegate.loadImages(archive));
  }

  @Override
  public void saveImages(List<ImageRef> images, java.nio.file.Path archive) {
    forward("saveImages", () -> {
      delegate.saveImages(images, archive);
      return null;
    });
  }

  @Override
  public ImageRef build(dev.berth.runtime.BuildSpec spec,
      java.util.function.Consumer<dev.berth.runtime.BuildEvent> progress) {
    return forward("build", () -> delegate.build(spec, progress));
  }

  @Override
  public dev.berth.runtime.ProcessList top(ContainerId id) {
    return forward("top", () -> delegate.top(id));
  }

  @Override
  public dev.berth.runtime.EventSubscription events(dev.berth.runtime.EventQuery query,
      java.util.function.Consumer<dev.berth.runtime.RuntimeEvent> consumer) {
    return forward("events", () -> delegate.events(query, consumer));
  }

  @Override
  public void copyToContainer(ContainerId id, java.nio.file.Path containerDir, java.io.InputStream tar) {
    forward("copyToContainer", () -> {
      delegate.copyToContainer(id, containerDir, tar);
      return null;
    });
  }

  @Override
  public void pullImage(ImageRef image, java.util.Optional<String> platform,
      java.util.function.Consumer<dev.berth.runtime.PullEvent> events) {
    forward("pullImage", () -> {
      delegate.pullImage(image, platform, events);
      return null;
    });
  }

  @Override
  public dev.berth.runtime.ContainerArchive copyFromContainer(ContainerId id, java.nio.file.Path containerPath) {
    return forward("copyFromContainer", () -> delegate.copyFromContainer(id, containerPath));
  }

  @Override
  public java.util.Optional<java.time.Instant> lastPulled(ImageRef image) {
    return forward("lastPulled", () -> delegate.lastPulled(image));
  }

  @Override
  public void pushImage(ImageRef image, java.util.function.Consumer<dev.berth.runtime.PushEvent> events) {
    forward("pushImage", () -> {
      delegate.pushImage(image, events);
      return null;
    });
  }

  @Override
  public dev.berth.runtime.PathStat statPath(ContainerId id, java.nio.file.Path containerPath) {
    return forward("statPath", () -> delegate.statPath(id, containerPath));
  }

  @Override
  public void close() {
    delegate.close();
  }
}
