package dev.berth.embedded.spi;

import dev.berth.embedded.oci.ContainerConfig.VolumeDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of Docker's {@code local} volume driver on Linux: {@code type} (file system type), {@code device}
 * (what to mount) and {@code o} (mount options) describe a mount made when a container uses the volume;
 * {@code type: none} with {@code o: bind} binds a host directory. Docker's rules: no other keys, {@code type} and
 * {@code device} go together, {@code o} needs a {@code device}; {@code size} needs a file system with project
 * quotas, which this engine does not manage.
 */
final class LocalVolumeOptions {
    private static final Set<String> KNOWN = Set.of("type", "device", "o", "size");
    private static final Map<String, List<String>> REQUIRES = Map.of("device", List.of("type"),
            "type", List.of("device"), "o", List.of("device"));

    private LocalVolumeOptions() {
    }

    /**
     * The mount the options describe (none without options), or an {@link IllegalArgumentException} saying which
     * rule {@code options} break; a bind's device must be an existing host path.
     */
    static Optional<VolumeDevice> parse(Map<String, String> options) {
        if (options.isEmpty()) {
            return Optional.empty();
        }
        for (String key : options.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("invalid option: \"" + key + "\" (the local driver takes type,"
                        + " device and o)");
            }
        }
        REQUIRES.forEach((key, required) -> required.forEach(other -> {
            if (options.containsKey(key) && !options.containsKey(other)) {
                throw new IllegalArgumentException("missing required option: \"" + other + "\" (\"" + key
                        + "\" is given; the local driver mounts device with type and o)");
            }
        }));
        if (options.containsKey("size")) {
            throw new IllegalArgumentException("quota size requested but no quota support (the size option needs"
                    + " a file system with project quotas; for a memory-backed volume give type: tmpfs, device:"
                    + " tmpfs, o: size=...)");
        }
        VolumeDevice device = new VolumeDevice(options.get("type"), options.getOrDefault("o", ""),
                options.get("device"));
        if (isBind(device) && !Files.exists(Path.of(device.device()))) {
            throw new IllegalArgumentException("device " + device.device() + " does not exist: a bind-backed volume"
                    + " (type none, o bind) needs an existing host path as its device; create the directory first");
        }
        return Optional.of(device);
    }

    static boolean isBind(VolumeDevice device) {
        return List.of(device.options().split(",")).stream().anyMatch(o -> o.equals("bind") || o.equals("rbind"));
    }
}
