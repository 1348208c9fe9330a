package dev.berth.engine.plan;

import dev.berth.engine.ComposeLabels;
import dev.berth.engine.desired.DesiredVolume;
import dev.berth.engine.plan.Operation.CreateVolume;
import dev.berth.runtime.VolumeSpec;
import dev.berth.runtime.VolumeSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates missing volumes. A volume whose config changed is kept, with a warning: recreating it would lose its
 * data (Compose asks interactively; a pure planner cannot).
 */
final class VolumeReconciler {
  private VolumeReconciler() {}

  static void reconcile(PlanContext ctx) {
    for (DesiredVolume v : ctx.desired.volumes()) {
      if (v.external()) {
        continue;
      }
      Optional<VolumeSummary> observed = ctx.observed.volume(v.name());
      if (observed.isEmpty()) {
        ctx.volumeReady.put(v.name(), ctx.plan.add(new CreateVolume(labelled(ctx.desired.name(), v)), "not found",
            List.of()));
        continue;
      }
      String hash = observed.get().labels().get(ComposeLabels.CONFIG_HASH);
      if (hash != null && !hash.equals(v.configHash())) {
        ctx.plan.warn("volume " + v.name() + " exists but does not match its configuration (config hash "
            + PlanContext.shortHash(hash) + " -> " + PlanContext.shortHash(v.configHash())
            + "); it is kept with its data. To recreate it run down -v, then up (the data will be lost)");
      }
    }
  }

  static VolumeSpec labelled(String project, DesiredVolume v) {
    Map<String, String> labels = new LinkedHashMap<>(v.spec().labels());
    labels.put(ComposeLabels.PROJECT, project);
    labels.put(ComposeLabels.VOLUME, v.key());
    labels.put(ComposeLabels.CONFIG_HASH, v.configHash());
    return new VolumeSpec(v.name(), v.spec().driver(), labels, v.spec().driverOptions());
  }
}
