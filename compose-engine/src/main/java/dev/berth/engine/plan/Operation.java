package dev.berth.engine.plan;

import dev.berth.engine.desired.DependencyCondition;
import dev.berth.runtime.BuildSpec;
import dev.berth.runtime.ContainerSpec;
import dev.berth.runtime.NetworkAttachment;
import dev.berth.runtime.NetworkSpec;
import dev.berth.runtime.VolumeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One runtime call of a plan. Containers are referred to by name: the planner knows every name in advance, even of
 * containers that do not exist yet, and runtimes accept names wherever they accept ids.
 */
public sealed interface Operation {

  /** The operation's name as rendered, e.g. {@code CreateContainer}. */
  default String kind() {
    return getClass().getSimpleName();
  }

  /** What the operation acts on and how, as rendered, e.g. {@code demo-web-1 (timeout 10s)}. */
  String target();

  record CreateNetwork(NetworkSpec spec) implements Operation {
    public CreateNetwork {
      Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String target() {
      return spec.name();
    }
  }

  record RemoveNetwork(String network) implements Operation {
    public RemoveNetwork {
      Objects.requireNonNull(network, "network");
    }

    @Override
    public String target() {
      return network;
    }
  }

  record ConnectNetwork(String container, NetworkAttachment attachment) implements Operation {
    public ConnectNetwork {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(attachment, "attachment");
    }

    @Override
    public String target() {
      return container + " to " + attachment.network();
    }
  }

  record DisconnectNetwork(String container, String network) implements Operation {
    public DisconnectNetwork {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(network, "network");
    }

    @Override
    public String target() {
      return container + " from " + network;
    }
  }

  record CreateVolume(VolumeSpec spec) implements Operation {
    public CreateVolume {
      Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String target() {
      return spec.name();
    }
  }

  record RemoveVolume(String volume) implements Operation {
    public RemoveVolume {
      Objects.requireNonNull(volume, "volume");
    }

    @Override
    public String target() {
      return volume;
    }
  }

  /** Builds the image of {@code services} (services sharing one image build it once). */
  record BuildImage(BuildSpec spec, java.util.List<String> services) implements Operation {
    public BuildImage {
      Objects.requireNonNull(spec, "spec");
      services = java.util.List.copyOf(services);
    }

    @Override
    public String target() {
      return spec.image() + " (" + String.join(", ", services) + ")";
    }
  }

  record CreateContainer(ContainerSpec spec) implements Operation {
    public CreateContainer {
      Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String target() {
      return spec.name();
    }
  }

  record StartContainer(String container) implements Operation {
    public StartContainer {
      Objects.requireNonNull(container, "container");
    }

    @Override
    public String target() {
      return container;
    }
  }

  record StopContainer(String container, Duration timeout) implements Operation {
    public StopContainer {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String target() {
      return container + " (timeout " + timeout.toSeconds() + "s)";
    }
  }

  record RemoveContainer(String container, boolean removeVolumes) implements Operation {
    public RemoveContainer {
      Objects.requireNonNull(container, "container");
    }

    @Override
    public String target() {
      return container + (removeVolumes ? " (with anonymous volumes)" : "");
    }
  }

  record RenameContainer(String container, String newName) implements Operation {
    public RenameContainer {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(newName, "newName");
    }

    @Override
    public String target() {
      return container + " -> " + newName;
    }
  }

  /**
   * Waits until every container of {@code service} satisfies {@code condition} (by inspecting, no mutation). When
   * not {@code required}, a failed wait is a warning.
   */
  record AwaitService(String project, String service, DependencyCondition condition, boolean required)
      implements Operation {
    public AwaitService {
      Objects.requireNonNull(project, "project");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(condition, "condition");
    }

    @Override
    public String target() {
      return service + " " + condition.composeName() + (required ? "" : " (optional)");
    }
  }

  /** Pulls {@code image} (for {@code platform}, else the runtime's default) for the services that use it. */
  record PullImage(dev.berth.runtime.ImageRef image, Optional<String> platform, List<String> services)
      implements Operation {
    public PullImage {
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(platform, "platform");
      services = List.copyOf(services);
    }

    @Override
    public String target() {
      return image + platform.map(p -> " (" + p + ")").orElse("") + " for " + String.join(", ", services);
    }
  }

  /** Pushes the local image {@code image} to its registry for the services that use it. */
  record PushImage(dev.berth.runtime.ImageRef image, List<String> services) implements Operation {
    public PushImage {
      Objects.requireNonNull(image, "image");
      services = List.copyOf(services);
    }

    @Override
    public String target() {
      return image + " for " + String.join(", ", services);
    }
  }
}
