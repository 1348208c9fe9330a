package dev.berth.swarm.convert;

import com.github.dockerjava.api.model.ContainerSpecConfig;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import dev.berth.model.project.FileRef;
import java.util.List;
import java.util.Map;

/**
 * A service's {@code secrets} / {@code configs} → references to the versioned Swarm objects by name. The IDs are
 * bound by the deployer once the objects exist. Files are owned by root and mode 0444 unless the file says
 * otherwise, as docker stack does.
 */
final class FileReferenceMapper {
    private static final long DEFAULT_MODE = 0444;

    private final Map<String, SwarmObjectPlan> secrets;
    private final Map<String, SwarmObjectPlan> configs;

    FileReferenceMapper(Map<String, SwarmObjectPlan> secrets, Map<String, SwarmObjectPlan> configs) {
        this.secrets = secrets;
        this.configs = configs;
    }

    List<ContainerSpecSecret> secrets(String service, List<FileRef> refs) {
        return refs.stream().map(ref -> new ContainerSpecSecret()
                .withSecretName(object(service, "secrets", secrets, ref).name())
                .withFile(file(service, "secrets", ref, ref.secretPath().substring("/run/secrets/".length()))))
                .toList();
    }

    List<ContainerSpecConfig> configs(String service, List<FileRef> refs) {
        return refs.stream().map(ref -> new ContainerSpecConfig()
                .withConfigName(object(service, "configs", configs, ref).name())
                .withFile(file(service, "configs", ref, ref.configPath())))
                .toList();
    }

    private static SwarmObjectPlan object(String service, String kind, Map<String, SwarmObjectPlan> objects, FileRef ref) {
        SwarmObjectPlan plan = objects.get(ref.source());
        if (plan == null) {
            throw new StackConversionException("services." + service + "." + kind, ref.source(),
                    "not declared at the top level", "declare it under `" + kind + ":`");
        }
        return plan;
    }

    private static ContainerSpecFile file(String service, String kind, FileRef ref, String name) {
        return new ContainerSpecFile().withName(ref.target() != null && ref.target().startsWith("/") ? ref.target() : name)
                .withUid(ref.uid() == null ? "0" : ref.uid())
                .withGid(ref.gid() == null ? "0" : ref.gid())
                .withMode(mode("services." + service + "." + kind, ref.mode()));
    }

    static long mode(String path, Object mode) {
        if (mode == null) {
            return DEFAULT_MODE;
        }
        if (mode instanceof Number n) {
            return n.longValue();
        }
        String text = mode.toString().trim();
        try {
            return text.startsWith("0") && text.length() > 1 ? Long.parseLong(text.substring(1), 8) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new StackConversionException(path + ".mode", text, "not a file mode", "write it in octal, e.g. 0440");
        }
    }
}
