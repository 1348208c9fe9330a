package dev.berth.engine.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link dev.berth.engine.ComposeLabels#FILE_OBJECT_DIGESTS} label: written from a digest per secret and config,
 * read back to name the secrets and configs whose content differs between a container and its service.
 */
public final class FileObjectChanges {
  private FileObjectChanges() {}

  /** The label value of {@code digests} ({@code secret:<name>} or {@code config:<name>} to digest). */
  public static String label(Map<String, String> digests) {
    List<String> parts = new ArrayList<>();
    digests.forEach((key, digest) -> parts.add(key + "=" + digest));
    return String.join(",", parts);
  }

  static Map<String, String> parse(String label) {
    Map<String, String> out = new LinkedHashMap<>();
    if (label == null || label.isEmpty()) {
      return out;
    }
    for (String part : label.split(",")) {
      int eq = part.lastIndexOf('=');
      if (eq > 0) {
        out.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return out;
  }

  /**
   * A suffix for a recreate cause naming what changed ({@code ": secret token changed"}), empty when the container
   * carries no digests (made before they were recorded) or none of the desired ones differ.
   */
  static String describe(String observedLabel, String desiredLabel) {
    if (observedLabel == null) {
      return "";
    }
    Map<String, String> observed = parse(observedLabel);
    List<String> changed = new ArrayList<>();
    parse(desiredLabel).forEach((key, digest) -> {
      String before = observed.get(key);
      if (before != null && !before.equals(digest)) {
        changed.add(key.replaceFirst(":", " ") + " changed");
      }
    });
    return changed.isEmpty() ? "" : ": " + String.join(", ", changed);
  }
}
