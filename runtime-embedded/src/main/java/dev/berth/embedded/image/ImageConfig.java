package dev.berth.embedded.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The parts of an image configuration blob the engine uses. The blob itself stays byte-exact in the store. */
public record ImageConfig(@JsonProperty("architecture") String architecture, @JsonProperty("os") String os,
                          @JsonProperty("config") Defaults config, @JsonProperty("rootfs") RootFs rootfs) {

    /** Run defaults of the image ({@code config} in the JSON), with Docker's capitalised field names. */
    public record Defaults(@JsonProperty("User") String user, @JsonProperty("Env") List<String> env,
                           @JsonProperty("Entrypoint") List<String> entrypoint, @JsonProperty("Cmd") List<String> cmd,
                           @JsonProperty("WorkingDir") String workingDir, @JsonProperty("Labels") Map<String, String> labels,
                           @JsonProperty("StopSignal") String stopSignal,
                           @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
                           @JsonProperty("Volumes") Map<String, Object> volumes) {
        public static final Defaults EMPTY = new Defaults(null, null, null, null, null, null, null, null, null);
    }

    /** {@code rootfs}: the layer diffIDs, bottom first. */
    public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<String> diffIds) {
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
