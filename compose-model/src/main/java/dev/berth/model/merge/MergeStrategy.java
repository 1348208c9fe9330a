package dev.berth.model.merge;

/** How two values found at the same attribute path are combined when a later file overrides an earlier one. */
public enum MergeStrategy {
    /** Mappings merged key by key, sequences appended, scalars replaced: the default. */
    DEEP,
    /** The later value replaces the earlier one wholesale ({@code command}, {@code entrypoint}, ...). */
    REPLACE,
    /** Both sides turned into {@code KEY=VALUE} sequences (mappings sorted by entry) and appended. */
    KEY_VALUE_SEQUENCE,
    /** As {@link #KEY_VALUE_SEQUENCE}, but later entries equal to an earlier one are dropped. */
    EXTRA_HOSTS,
    /** A string {@code build} is promoted to {@code {context: ...}}, then mappings are merged. */
    BUILD,
    /** List form promoted to {@code {name: {condition: service_started, required: true}}}, then merged. */
    DEPENDS_ON,
    /** List form promoted to {@code {name: null}} (service networks, service models), then merged. */
    NAME_MAPPING,
    /** Merged only when both name the same driver (or one names none), else replaced. */
    LOGGING,
    /** {@code ipam.config} entries merged by {@code subnet}; entries with a new subnet are appended. */
    IPAM_CONFIG
}
