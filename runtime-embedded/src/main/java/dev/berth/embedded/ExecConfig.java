package dev.berth.embedded;

import java.util.List;
import java.util.Map;

/** A process to run in a running container; null user/workingDir mean the container's. */
public record ExecConfig(List<String> command, Map<String, String> env, String user, String workingDir) {
    public ExecConfig {
        command = List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static ExecConfig of(String... command) {
        return new ExecConfig(List.of(command), Map.of(), null, null);
    }
}
