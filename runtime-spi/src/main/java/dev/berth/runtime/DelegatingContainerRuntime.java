package dev.berth.runtime;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A runtime that passes every call to another one (closing it closes that one). Decorators extend it and override only the operations they
 * change, so that a new operation on {@link ContainerRuntime} needs forwarding in this one place only.
 */
public abstract class DelegatingContainerRuntime implements ContainerRuntime {
    protected final ContainerRuntime delegate;

    protected DelegatingContainerRuntime(ContainerRuntime delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public ContainerId create(ContainerSpec spec) {
        return delegate.create(spec);
    }

    @Override
    public void start(ContainerId id) {
        delegate.start(id);
    }

    @Override
    public void stop(ContainerId id, Duration timeout) {
        delegate.stop(id, timeout);
    }

    @Override
    public void kill(ContainerId id, String signal) {
        delegate.kill(id, signal);
    }

    @Override
    public void restart(ContainerId id, Duration timeout) {
        delegate.restart(id, timeout);
    }

    @Override
    public void pause(ContainerId id) {
        delegate.pause(id);
    }

    @Override
    public void unpause(ContainerId id) {
        delegate.unpause(id);
    }

    @Override
    public void remove(ContainerId id, boolean force, boolean removeVolumes) {
        delegate.remove(id, force, removeVolumes);
    }

    @Override
    public void rename(ContainerId id, String newName) {
        delegate.rename(id, newName);
    }

    @Override
    public int waitForExit(ContainerId id) throws InterruptedException {
        return delegate.waitForExit(id);
    }

    @Override
    public ContainerSummary inspect(ContainerId id) {
        return delegate.inspect(id);
    }

    @Override
    public List<ContainerSummary> list(LabelSelector selector) {
        return delegate.list(selector);
    }

    @Override
    public LogStream logs(ContainerId id, LogOptions options) {
        return delegate.logs(id, options);
    }

    @Override
    public ExecResult exec(ContainerId id, ExecSpec spec) {
        return delegate.exec(id, spec);
    }

    @Override
    public ProcessSession startExec(ContainerId id, ExecSpec spec) {
        return delegate.startExec(id, spec);
    }

    @Override
    public ProcessSession attach(ContainerId id, AttachSpec spec) {
        return delegate.attach(id, spec);
    }

    @Override
    public NetworkSummary createNetwork(NetworkSpec spec) {
        return delegate.createNetwork(spec);
    }

    @Override
    public NetworkSummary inspectNetwork(String name) {
        return delegate.inspectNetwork(name);
    }

    @Override
    public void removeNetwork(String name) {
        delegate.removeNetwork(name);
    }

    @Override
    public void connect(ContainerId id, NetworkAttachment attachment) {
        delegate.connect(id, attachment);
    }

    @Override
    public void disconnect(ContainerId id, String network, boolean force) {
        delegate.disconnect(id, network, force);
    }

    @Override
    public List<NetworkSummary> listNetworks(LabelSelector selector) {
        return delegate.listNetworks(selector);
    }

    @Override
    public VolumeSummary createVolume(VolumeSpec spec) {
        return delegate.createVolume(spec);
    }

    @Override
    public VolumeSummary inspectVolume(String name) {
        return delegate.inspectVolume(name);
    }

    @Override
    public void removeVolume(String name, boolean force) {
        delegate.removeVolume(name, force);
    }

    @Override
    public List<VolumeSummary> listVolumes(LabelSelector selector) {
        return delegate.listVolumes(selector);
    }

    @Override
    public ImageSummary inspectImage(ImageRef image) {
        return delegate.inspectImage(image);
    }

    @Override
    public List<ImageSummary> listImages() {
        return delegate.listImages();
    }

    @Override
    public void removeImage(ImageRef image, boolean force) {
        delegate.removeImage(image, force);
    }

    @Override
    public void tagImage(ImageRef source, ImageRef target) {
        delegate.tagImage(source, target);
    }

    @Override
    public List<ImageRef> loadImages(Path archive) {
        return delegate.loadImages(archive);
    }

    @Override
    public void saveImages(List<ImageRef> images, Path archive) {
        delegate.saveImages(images, archive);
    }

    @Override
    public RuntimeSnapshot snapshot(LabelSelector selector) {
        return delegate.snapshot(selector);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public ImageRef build(BuildSpec spec, BuildCredentials credentials, Consumer<BuildEvent> progress) {
        return delegate.build(spec, credentials, progress);
    }

    @Override
    public ProcessList top(ContainerId id) {
        return delegate.top(id);
    }

    @Override
    public EventSubscription events(EventQuery query, Consumer<RuntimeEvent> consumer) {
        return delegate.events(query, consumer);
    }

    @Override
    public void copyToContainer(ContainerId id, Path containerDir, InputStream tar) {
        delegate.copyToContainer(id, containerDir, tar);
    }

    @Override
    public PathStat statPath(ContainerId id, Path containerPath) {
        return delegate.statPath(id, containerPath);
    }

    @Override
    public ContainerArchive copyFromContainer(ContainerId id, Path containerPath) {
        return delegate.copyFromContainer(id, containerPath);
    }

    @Override
    public void pullImage(ImageRef image, Optional<String> platform, Optional<RegistryCredentials> credentials,
                          Consumer<PullEvent> events) {
        delegate.pullImage(image, platform, credentials, events);
    }

    @Override
    public Optional<Instant> lastPulled(ImageRef image) {
        return delegate.lastPulled(image);
    }

    @Override
    public void pushImage(ImageRef image, Optional<RegistryCredentials> credentials, Consumer<PushEvent> events) {
        delegate.pushImage(image, credentials, events);
    }
}
