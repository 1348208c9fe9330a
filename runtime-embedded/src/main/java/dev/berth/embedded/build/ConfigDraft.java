package dev.berth.embedded.build;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.embedded.image.ImageConfig;
import dev.berth.embedded.image.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The image run configuration being built, with Docker's field names (including Shell and OnBuild). */
final class ConfigDraft {
    @JsonProperty("User") String user;
    @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts;
    @JsonProperty("Env") List<String> env;
    @JsonProperty("Entrypoint") List<String> entrypoint;
    @JsonProperty("Cmd") List<String> cmd;
    @JsonProperty("Healthcheck") ImageConfig.HealthConfig healthcheck;
    @JsonProperty("Volumes") Map<String, Object> volumes;
    @JsonProperty("WorkingDir") String workingDir;
    @JsonProperty("Labels") Map<String, String> labels;
    @JsonProperty("StopSignal") String stopSignal;
    @JsonProperty("Shell") List<String> shell;
    @JsonProperty("OnBuild") List<String> onBuild;

    static ConfigDraft parse(byte[] json) {
        return Json.read(json, ConfigDraft.class);
    }

    ConfigDraft copy() {
        return Json.read(Json.write(this), ConfigDraft.class);
    }

    /** The value of an ENV variable, or null. */
    String env(String name) {
        if (env == null) {
            return null;
        }
        for (int i = env.size() - 1; i >= 0; i--) {
            String entry = env.get(i);
            if (entry.startsWith(name + "=")) {
                return entry.substring(name.length() + 1);
            }
        }
        return null;
    }

    Map<String, String> envMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (env != null) {
            for (String entry : env) {
                int eq = entry.indexOf('=');
                map.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        return map;
    }

    void setEnv(String name, String value) {
        Map<String, String> map = envMap();
        map.put(name, value);
        List<String> list = new ArrayList<>();
        map.forEach((k, v) -> list.add(k + "=" + v));
        env = list;
    }

    List<String> shellOrDefault() {
        return shell == null || shell.isEmpty() ? List.of("/bin/sh", "-c") : shell;
    }
}
