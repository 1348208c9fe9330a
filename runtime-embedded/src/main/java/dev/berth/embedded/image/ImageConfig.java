package dev.berth.embedded.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The parts of an image configuration blob the engine uses. The blob itself stays byte-exact in the store. */
public record ImageConfig(@JsonProperty("architecture") String architecture, @JsonProperty("os") String os,
                          @JsonProperty("config") Defaults config, @JsonProperty("rootfs") RootFs rootfs,
                          @JsonProperty("created") String created,
                          @JsonProperty("history") List<History> history) {

    /** Run defaults of the image ({@code config} in the JSON), with Docker's capitalised field names. */
    public record Defaults(@JsonProperty("User") String user, @JsonProperty("Env") List<String> env,
                           @JsonProperty("Entrypoint") List<String> entrypoint, @JsonProperty("Cmd") List<String> cmd,
                           @JsonProperty("WorkingDir") String workingDir, @JsonProperty("Labels") Map<String, String> labels,
                           @JsonProperty("StopSignal") String stopSignal,
                           @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
                           @JsonProperty("Volumes") Map<String, Object> volumes,
                           @JsonProperty("Healthcheck") HealthConfig healthcheck) {
        public static final Defaults EMPTY = new Defaults(null, null, null, null, null, null, null, null, null, null);

        /** Compatibility constructor for images without a healthcheck. */
        public Defaults(String user, List<String> env, List<String> entrypoint, List<String> cmd, String workingDir,
                        Map<String, String> labels, String stopSignal, Map<String, Object> exposedPorts,
                        Map<String, Object> volumes) {
            this(user, env, entrypoint, cmd, workingDir, labels, stopSignal, exposedPorts, volumes, null);
        }
    }

    /** An image's HEALTHCHECK; durations in nanoseconds as Docker stores them, 0 = default. */
    public record HealthConfig(@JsonProperty("Test") List<String> test, @JsonProperty("Interval") long interval,
                               @JsonProperty("Timeout") long timeout, @JsonProperty("StartPeriod") long startPeriod,
                               @JsonProperty("StartInterval") long startInterval, @JsonProperty("Retries") int retries) {
    }

    /**
     * One {@code history} entry, oldest first in the config: the instruction that made a layer or changed only the
     * configuration ({@code empty_layer}).
     */
    public record History(@JsonProperty("created") String created, @JsonProperty("created_by") String createdBy,
                          @JsonProperty("author") String author, @JsonProperty("comment") String comment,
                          @JsonProperty("empty_layer") Boolean emptyLayer) {
        /** An entry the builder writes: no time (equal inputs give equal image ids), the instruction as written. */
        public static History of(String createdBy, boolean emptyLayer) {
            return new History(null, createdBy, null, null, emptyLayer ? Boolean.TRUE : null);
        }

        public boolean isEmptyLayer() {
            return Boolean.TRUE.equals(emptyLayer);
        }
    }

    /** The history entries, oldest first; none when the config has none. */
    public List<History> historyEntries() {
        return history == null ? List.of() : history;
    }

    /** {@code rootfs}: the layer diffIDs, bottom first. */
    public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<String> diffIds) {
    }

    /** When the image was made ({@code created}), or the epoch when the config does not say (as Docker's zero time). */
    public java.time.Instant createdAt() {
        try {
            return created == null || created.isBlank() ? java.time.Instant.EPOCH : java.time.Instant.parse(created);
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.Instant.EPOCH;
        }
    }

    public static ImageConfig parse(byte[] json) {
        return Json.read(json, ImageConfig.class);
    }

    public Defaults defaults() {
        return config == null ? Defaults.EMPTY : config;
    }

    public List<Digest> diffIds() {
        if (rootfs == null || rootfs.diffIds == null) {
            return List.of();
        }
        return rootfs.diffIds.stream().map(Digest::parse).toList();
    }
}
