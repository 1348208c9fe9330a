package dev.berth.swarm.convert;

import com.github.dockerjava.api.model.BindOptions;
import com.github.dockerjava.api.model.BindPropagation;
import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.berth.model.project.ServiceVolume;
import dev.berth.model.project.VolumeConfig;
import dev.berth.swarm.StackNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code volumes} and {@code tmpfs} → Swarm mounts. Named volumes become {@code <stack>_<key>} (created
 * by each node's engine when a task first needs it, with the volume's driver and the stack's labels); bind sources
 * are paths on the node that runs the task.
 */
final class MountMapper {
    private final StackNamespace namespace;
    private final Map<String, VolumeConfig> volumes;

    MountMapper(StackNamespace namespace, Map<String, VolumeConfig> volumes) {
        this.namespace = namespace;
        this.volumes = volumes;
    }

    List<Mount> map(String service, List<ServiceVolume> serviceVolumes, List<String> tmpfs) {
        List<Mount> mounts = new ArrayList<>();
        for (int i = 0; i < serviceVolumes.size(); i++) {
            mounts.add(map("services." + service + ".volumes[" + i + "]", serviceVolumes.get(i)));
        }
        tmpfs.forEach(target -> mounts.add(new Mount().withType(MountType.TMPFS).withTarget(target)));
        return mounts;
    }

    private Mount map(String path, ServiceVolume volume) {
        Mount mount = new Mount().withTarget(volume.target())
                .withReadOnly(Boolean.TRUE.equals(volume.readOnly()) ? Boolean.TRUE : null);
        switch (volume.type()) {
            case "volume" -> {
                mount.withType(MountType.VOLUME);
                if (volume.source() != null && !volume.source().isEmpty()) {
                    mount.withSource(volumeName(path, volume.source())).withVolumeOptions(volumeOptions(volume));
                }
            }
            case "bind" -> {
                mount.withType(MountType.BIND).withSource(volume.source());
                if (volume.bind() != null && volume.bind().propagation() != null) {
                    mount.withBindOptions(new BindOptions().withPropagation(propagation(path, volume.bind().propagation())));
                }
            }
            case "tmpfs" -> {
                mount.withType(MountType.TMPFS);
                if (volume.tmpfs() != null && volume.tmpfs().size() != null) {
                    mount.withTmpfsOptions(new TmpfsOptions().withSizeBytes(volume.tmpfs().size()));
                }
            }
            default -> throw new StackConversionException(path + ".type", volume.type(),
                    "Swarm services mount volumes, binds and tmpfs only", "use one of volume, bind or tmpfs");
        }
        return mount;
    }

    private String volumeName(String path, String key) {
        VolumeConfig config = volumes.get(key);
        if (config == null) {
            throw new StackConversionException(path + ".source", key, "not a top-level volume",
                    "declare it under `volumes:`");
        }
        return config.name() != null ? config.name() : namespace.scoped(key);
    }

    private VolumeOptions volumeOptions(ServiceVolume volume) {
        VolumeConfig config = volumes.get(volume.source());
        if (Boolean.TRUE.equals(config.external())) {
            return null;
        }
        VolumeOptions options = new VolumeOptions().withLabels(namespace.labelled(config.labels()));
        if (volume.volume() != null && Boolean.TRUE.equals(volume.volume().nocopy())) {
            options.withNoCopy(true);
        }
        if (config.driver() != null) {
            options.withDriverConfig(new Driver().withName(config.driver()).withOptions(config.driverOpts()));
        }
        return options;
    }

    private static BindPropagation propagation(String path, String value) {
        for (BindPropagation p : BindPropagation.values()) {
            if (p.name().replace("_", "").equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new StackConversionException(path + ".bind.propagation", value, "unknown propagation",
                "use rprivate, private, rshared, shared, rslave or slave");
    }
}
