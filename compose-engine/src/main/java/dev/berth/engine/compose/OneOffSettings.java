package dev.berth.engine.compose;

import java.util.List;
import java.util.Map;

/**
 * How a one-off container ({@code run}) differs from its service, as {@code docker compose run} has it:
 * {@code publish} ({@code -p}, short port syntax) replaces the service's ports, which a one-off otherwise publishes
 * only with {@code servicePorts}; {@code volumes} ({@code -v}, short syntax) add to the service's; {@code labels},
 * {@code capAdd} and {@code capDrop} add to the service's; the network aliases are kept only with
 * {@code useAliases}; {@code tty} and {@code interactive} (stdin kept open) replace the service's.
 */
public record OneOffSettings(List<String> publish, boolean servicePorts, List<String> volumes,
    Map<String, String> labels, List<String> capAdd, List<String> capDrop, boolean useAliases, boolean tty,
    boolean interactive) {
  public static final OneOffSettings DEFAULTS = new OneOffSettings(List.of(), false, List.of(), Map.of(), List.of(),
      List.of(), false, false, false);

  public OneOffSettings {
    publish = List.copyOf(publish);
    volumes = List.copyOf(volumes);
    labels = Map.copyOf(labels);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
  }

  public OneOffSettings withPublish(List<String> publish, boolean servicePorts) {
    return new OneOffSettings(publish, servicePorts, volumes, labels, capAdd, capDrop, useAliases, tty, interactive);
  }

  public OneOffSettings withVolumes(List<String> volumes) {
    return new OneOffSettings(publish, servicePorts, volumes, labels, capAdd, capDrop, useAliases, tty, interactive);
  }

  public OneOffSettings withLabels(Map<String, String> labels) {
    return new OneOffSettings(publish, servicePorts, volumes, labels, capAdd, capDrop, useAliases, tty, interactive);
  }

  public OneOffSettings withCapabilities(List<String> capAdd, List<String> capDrop) {
    return new OneOffSettings(publish, servicePorts, volumes, labels, capAdd, capDrop, useAliases, tty, interactive);
  }

  public OneOffSettings withUseAliases(boolean useAliases) {
    return new OneOffSettings(publish, servicePorts, volumes, labels, capAdd, capDrop, useAliases, tty, interactive);
  }

  public OneOffSettings withTerminal(boolean tty, boolean interactive) {
    return new OneOffSettings(publish, servicePorts, volumes, labels, capAdd, capDrop, useAliases, tty, interactive);
  }
}
