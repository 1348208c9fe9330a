package dev.berth.model.merge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Compose merge rules, by attribute path: which paths merge differently from the default
 * (mappings merged, sequences appended, scalars replaced) and which sequences hold entries with a unique key.
 */
public final class MergeRules {

    /** Top-level sections whose keys are user-chosen names, never {@code x-} extensions. */
    private static final Set<String> NAMED_SECTIONS = Set.of("services", "networks", "volumes", "secrets", "configs",
            "models");

    private static final Map<PathPattern, MergeStrategy> STRATEGIES = new LinkedHashMap<>();
    private static final Map<PathPattern, UniqueKey> UNIQUE = new LinkedHashMap<>();

    static {
        strategy(MergeStrategy.REPLACE, "services.*.command", "services.*.entrypoint", "services.*.healthcheck.test",
                "services.*.ulimits.*", "models.*.runtime_flags");
        strategy(MergeStrategy.KEY_VALUE_SEQUENCE, "services.*.environment", "services.*.labels",
                "services.*.annotations", "services.*.build.args", "services.*.build.labels",
                "services.*.build.additional_contexts", "services.*.deploy.labels", "services.*.sysctls",
                "services.*.dns", "services.*.dns_search", "services.*.dns_opt", "services.*.tmpfs",
                "services.*.env_file", "services.*.label_file",
                "networks.*.labels", "volumes.*.labels");
        strategy(MergeStrategy.EXTRA_HOSTS, "services.*.extra_hosts", "services.*.build.extra_hosts");
        strategy(MergeStrategy.BUILD, "services.*.build");
        strategy(MergeStrategy.DEPENDS_ON, "services.*.depends_on");
        strategy(MergeStrategy.NAME_MAPPING, "services.*.networks", "services.*.models");
        strategy(MergeStrategy.LOGGING, "services.*.logging");
        strategy(MergeStrategy.IPAM_CONFIG, "networks.*.ipam.config");

        unique(UniqueKey.KEY_VALUE, "services.*.environment", "services.*.labels", "services.*.annotations",
                "services.*.build.args", "services.*.build.labels", "services.*.build.additional_contexts",
                "services.*.build.platform", "services.*.build.tags", "services.*.deploy.labels",
                "services.*.sysctls", "services.*.dns", "services.*.dns_search", "services.*.dns_opt",
                "services.*.tmpfs", "services.*.cap_add", "services.*.cap_drop", "services.*.links",
                "services.*.profiles", "services.*.networks.*.aliases", "services.*.networks.*.link_local_ips",
                "networks.*.labels", "networks.*.ipam.options", "volumes.*.labels");
        unique(UniqueKey.VALUE, "services.*.expose", "services.*.external_links", "services.*.security_opt",
                "services.*.extra_hosts", "services.*.build.extra_hosts");
        unique(UniqueKey.FILE_PATH, "services.*.env_file", "services.*.label_file");
        unique(UniqueKey.VOLUME_TARGET, "services.*.volumes");
        unique(UniqueKey.DEVICE_TARGET, "services.*.devices");
        unique(UniqueKey.SECRET_TARGET, "services.*.secrets");
        unique(UniqueKey.CONFIG_TARGET, "services.*.configs");
        unique(UniqueKey.PORT, "services.*.ports");
    }

    private MergeRules() {
    }

    private static void strategy(MergeStrategy strategy, String... paths) {
        for (String p : paths) {
            STRATEGIES.put(PathPattern.of(p), strategy);
        }
    }

    private static void unique(UniqueKey key, String... paths) {
        for (String p : paths) {
            UNIQUE.put(PathPattern.of(p), key);
        }
    }

    /** How the values at {@code path} merge; {@code x-} extensions outside named sections are replaced. */
    public static MergeStrategy strategyFor(List<String> path) {
        for (Map.Entry<PathPattern, MergeStrategy> rule : STRATEGIES.entrySet()) {
            if (rule.getKey().matches(path)) {
                return rule.getValue();
            }
        }
        if (isExtension(path)) {
            return MergeStrategy.REPLACE;
        }
        return MergeStrategy.DEEP;
    }

    /** The key that identifies entries of the sequence at {@code path}, if its entries are unique. */
    public static Optional<UniqueKey> uniqueKeyFor(List<String> path) {
        for (Map.Entry<PathPattern, UniqueKey> rule : UNIQUE.entrySet()) {
            if (rule.getKey().matches(path)) {
                return Optional.of(rule.getValue());
            }
        }
        return Optional.empty();
    }

    private static boolean isExtension(List<String> path) {
        if (path.isEmpty() || !path.get(path.size() - 1).startsWith("x-")) {
            return false;
        }
        return !(path.size() == 2 && NAMED_SECTIONS.contains(path.get(0)));
    }
}
