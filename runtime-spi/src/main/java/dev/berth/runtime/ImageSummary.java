package dev.berth.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A local image: its content id ({@code sha256:...}), the tags pointing at it, size in bytes and labels. */
public record ImageSummary(String id, List<String> tags, long size, Map<String, String> labels) {
  public ImageSummary {
    Objects.requireNonNull(id, "id");
    tags = List.copyOf(tags);
    labels = Values.orderedCopy(labels);
  }
}
